using System.Globalization;
using System.Net.Mail;
using System.Text;

namespace Corner.Web.Features.Accounts;

/// <summary>A problem with one field, named by the handler; pages and the API word it themselves.</summary>
public sealed record FieldError(string Field, string MessageKey);

/// <summary>The rules every account form shares: registration, settings, sign-in and the API.</summary>
public static class AccountRules
{
    public const int EmailMaxLength = 256;
    public const int DisplayNameMaxLength = 60;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 256;
    public const int ReturnUrlMaxLength = 2048;
    public const string DefaultTimeZone = "Etc/UTC";

    /// <summary>A trimmed, plain email address (no display name, no control characters), or false.</summary>
    public static bool TryNormalizeEmail(string? input, out string email)
    {
        email = "";
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length is 0 or > EmailMaxLength || HasUnsafeCharacters(trimmed) || trimmed.Any(char.IsWhiteSpace))
            return false;
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed || !trimmed.Contains('@', StringComparison.Ordinal))
            return false;
        email = trimmed;
        return true;
    }

    /// <summary>An address with most of its local part hidden ("sa***@example.com"), for emails to another address.</summary>
    public static string HalfHidden(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "***" : email[..Math.Min(2, at)] + "***" + email[at..];
    }

    /// <summary>Trims and NFC-normalises a display name; false when it is empty, too long or holds control characters.</summary>
    public static string? DisplayNameError(string? input, out string name)
    {
        name = "";
        var trimmed = input?.Trim() ?? "";
        if (trimmed.Length == 0)
            return "DisplayName_Required";
        if (HasUnsafeCharacters(trimmed))
            return "DisplayName_Characters";
        trimmed = trimmed.Normalize(NormalizationForm.FormC);
        if (trimmed.Length > DisplayNameMaxLength)
            return "DisplayName_TooLong";
        name = trimmed;
        return null;
    }

    /// <summary>Length only; what makes a password easy to guess is Identity's validators' job.</summary>
    public static string? PasswordLengthError(string? password) =>
        string.IsNullOrEmpty(password) ? "Password_Required"
        : password.Length < PasswordMinLength ? "Password_TooShort"
        : password.Length > PasswordMaxLength ? "Password_TooLong"
        : null;

    /// <summary>True for an IANA time zone id this server knows.</summary>
    public static bool IsKnownTimeZone(string? id) => id is not null && TimeZones.All.ContainsKey(id);

    /// <summary>The url when it stays on this site (a path like /join/abc), otherwise null.</summary>
    public static string? LocalReturnUrl(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > ReturnUrlMaxLength || HasUnsafeCharacters(url))
            return null;
        // Only "/x", never "//host" or "/\host", which browsers treat as another site.
        if (url[0] != '/' || (url.Length > 1 && (url[1] == '/' || url[1] == '\\')) || url.Contains('\\', StringComparison.Ordinal))
            return null;
        return url;
    }

    /// <summary>Control characters, lone surrogates and bidirectional overrides: never wanted in a name or address.</summary>
    public static bool HasUnsafeCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c))
                return true;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                    return true;
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c))
                return true;
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\uFEFF')
                return true;
            if (c is '\uFFFE' or '\uFFFF')
                return true;
        }
        return false;
    }
}

/// <summary>The IANA time zones this server knows, for the chooser and for validation.</summary>
public static class TimeZones
{
    public sealed record Choice(string Id, string Label);

    private static readonly Lazy<(Dictionary<string, Choice> ById, List<Choice> List)> Data = new(Load);

    public static IReadOnlyDictionary<string, Choice> All => Data.Value.ById;
    public static IReadOnlyList<Choice> List => Data.Value.List;

    private static (Dictionary<string, Choice>, List<Choice>) Load()
    {
        var zones = TimeZoneInfo.GetSystemTimeZones()
            .Where(z => z.HasIanaId && !z.Id.StartsWith("SystemV/", StringComparison.Ordinal))
            .ToList();
        if (!zones.Any(z => z.Id == AccountRules.DefaultTimeZone)
            && TimeZoneInfo.TryFindSystemTimeZoneById(AccountRules.DefaultTimeZone, out var utc))
            zones.Add(utc);
        var list = zones
            .Select(z => new Choice(z.Id, $"{z.Id.Replace('_', ' ')} (UTC{Offset(z)})"))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (list.All(c => c.Id != AccountRules.DefaultTimeZone))
            list.Insert(0, new Choice(AccountRules.DefaultTimeZone, "Etc/UTC (UTC+00:00)"));
        return (list.ToDictionary(c => c.Id, StringComparer.Ordinal), list);
    }

    private static string Offset(TimeZoneInfo zone)
    {
        var offset = zone.GetUtcOffset(DateTime.UtcNow);
        return (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
    }
}
