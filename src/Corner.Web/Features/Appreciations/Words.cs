using Corner.Web.Infrastructure;

namespace Corner.Web.Features.Appreciations;

public enum WordsProblem
{
    Missing,
    TooLong,
    HaveControlCharacters,
}

/// <summary>The rules every piece of free text in this feature follows: trimmed, not empty, within a limit,
/// and free of control characters (a NUL cannot be stored and nobody types one on purpose).</summary>
internal static class Words
{
    /// <summary>Trimmed, with Windows line ends made plain; null when nothing is left.</summary>
    public static string? Normalize(string? text, bool singleLine = false)
    {
        var normalized = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (singleLine && normalized is not null)
            normalized = string.Join(' ', normalized.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return string.IsNullOrEmpty(normalized) ? null : normalized;
    }

    public static WordsProblem? Check(string? normalized, int maxLength) =>
        normalized is null ? WordsProblem.Missing
        : normalized.Length > maxLength ? WordsProblem.TooLong
        : FreeText.HasControlCharacters(normalized) ? WordsProblem.HaveControlCharacters
        : null;
}
