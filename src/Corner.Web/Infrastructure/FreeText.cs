namespace Corner.Web.Infrastructure;

/// <summary>Rules every feature applies to what people write in their own words.</summary>
public static class FreeText
{
    /// <summary>Trimmed, with Windows line ends made plain; null when nothing is left.</summary>
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>True when the text holds an invisible control character other than a line break or a tab
    /// (a NUL reaches the app as U+001A, see NullByteFormMiddleware): refused with a clear message.</summary>
    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not '\n' and not '\t');
}
