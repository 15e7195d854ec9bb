using System.Globalization;
using Corner.Web.Data;
using Corner.Web.Features.Reminders;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>A calendar month in the reader's own time zone, as the span of instants it covers.</summary>
public sealed class MomentMonth(PersonalDay day)
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>"2026-05" (or nothing, for this month) to the month's first day; false when malformed or in the future.</summary>
    public static bool TryParseMonth(string? month, DateOnly today, out DateOnly first)
    {
        first = new DateOnly(today.Year, today.Month, 1);
        if (string.IsNullOrEmpty(month))
            return true;
        if (month.Length != 7 || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            return false;
        if (parsed > first || parsed < Earliest)
            return false;
        first = parsed;
        return true;
    }

    public async Task<(DateTimeOffset From, DateTimeOffset To)> SpanAsync(Guid personId, DateOnly first, CancellationToken ct = default)
    {
        var zone = ReminderTiming.ZoneOrUtc(await day.ZoneAsync(personId, ct));
        return (ReminderTiming.InstantOf(first, TimeOnly.MinValue, zone), ReminderTiming.InstantOf(first.AddMonths(1), TimeOnly.MinValue, zone));
    }
}
