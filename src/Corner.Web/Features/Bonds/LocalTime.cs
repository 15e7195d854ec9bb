using System.Globalization;

namespace Corner.Web.Features.Bonds;

/// <summary>Shows moments in the reader's own time zone.</summary>
public static class LocalTime
{
    public static DateTimeOffset In(DateTimeOffset when, string timeZone) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? TimeZoneInfo.ConvertTime(when, zone) : when.ToUniversalTime();

    /// <summary>"3 May 2025".</summary>
    public static string Date(DateTimeOffset when, string timeZone) =>
        In(when, timeZone).ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"3 May 2025, 18:30".</summary>
    public static string DateAndTime(DateTimeOffset when, string timeZone) =>
        In(when, timeZone).ToString("d MMMM yyyy, HH:mm", CultureInfo.CurrentCulture);

    /// <summary>For a &lt;time datetime&gt; attribute.</summary>
    public static string Machine(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
