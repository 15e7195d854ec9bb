namespace Corner.Web.Features.Reminders;

/// <summary>When a reminder fires: the local date it is for and the instant it fires at.</summary>
public sealed record ReminderInstant(DateOnly LocalDate, DateTimeOffset At);

/// <summary>
/// Turns a person's wall-clock choice into instants, in their IANA time zone. Pure, so it can be
/// tested across zones and daylight-saving changes without a database.
/// </summary>
public static class ReminderTiming
{
    /// <summary>The time of day the reminder really comes: the chosen time, or the end of quiet hours
    /// when the chosen time falls inside them. Quiet hours may wrap midnight (22:00–07:00).</summary>
    public static TimeOnly EffectiveTime(TimeOnly localTime, TimeOnly? quietStart, TimeOnly? quietEnd) =>
        IsQuiet(localTime, quietStart, quietEnd) ? quietEnd!.Value : localTime;

    public static bool IsQuiet(TimeOnly time, TimeOnly? quietStart, TimeOnly? quietEnd)
    {
        if (quietStart is not { } start || quietEnd is not { } end || start == end)
            return false;
        return start < end
            ? time >= start && time < end
            : time >= start || time < end;
    }

    /// <summary>The instant of <paramref name="time"/> on <paramref name="date"/> in <paramref name="zone"/>.
    /// A time skipped by a spring-forward change moves to the first valid instant after the gap; a time
    /// that happens twice on a fall-back day is the first of the two, so it fires once.</summary>
    public static DateTimeOffset InstantOf(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Gaps are whole minutes long (at most a few hours): walk to the first minute that exists.
            local = new DateTime(local.Ticks - local.Ticks % TimeSpan.TicksPerMinute, DateTimeKind.Unspecified);
            while (zone.IsInvalidTime(local))
                local = local.AddMinutes(1);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var earliest = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local, earliest).ToUniversalTime();
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The first reminder at or after <paramref name="utcNow"/>.</summary>
    public static ReminderInstant Next(DateTimeOffset utcNow, TimeZoneInfo zone, TimeOnly localTime, TimeOnly? quietStart, TimeOnly? quietEnd)
    {
        var effective = EffectiveTime(localTime, quietStart, quietEnd);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, zone).DateTime);
        for (var date = today.AddDays(-1); ; date = date.AddDays(1))
        {
            var at = InstantOf(date, effective, zone);
            if (at >= utcNow)
                return new ReminderInstant(date, at);
        }
    }

    public static TimeZoneInfo ZoneOrUtc(string? timeZoneId) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "", out var zone) ? zone : TimeZoneInfo.Utc;

    public static string DedupeKey(Guid personId, DateOnly localDate) =>
        $"reminder:{personId}:{localDate:yyyy-MM-dd}";
}
