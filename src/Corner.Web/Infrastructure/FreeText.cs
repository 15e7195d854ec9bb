namespace Corner.Web.Infrastructure;

/// <summary>Rules every feature applies to what people write in their own words.</summary>
public static class FreeText
{
    /// <summary>True when the text holds an invisible control character other than a line break or a tab
    /// (a NUL reaches the app as U+001A, see NullByteFormMiddleware): refused with a clear message.</summary>
    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not '\n' and not '\t');
}
