using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Shared;

/// <summary>
/// A person's own time zone and calendar day: check-ins and the other features' dates belong to it. The zone
/// is read once per request (this is scoped), however many parts of a page ask for it.
/// </summary>
public sealed class PersonalDay(CornerDbContext db, TimeProvider clock)
{
    private readonly Dictionary<Guid, string> _zones = [];

    /// <summary>The person's IANA time zone id ("Etc/UTC" if it cannot be read).</summary>
    public async Task<string> ZoneAsync(Guid personId, CancellationToken ct = default)
    {
        if (!_zones.TryGetValue(personId, out var zone))
            _zones[personId] = zone = await db.Users.Where(p => p.Id == personId).Select(p => p.TimeZone).FirstOrDefaultAsync(ct) ?? "Etc/UTC";
        return zone;
    }

    /// <summary>Keeps a zone another query read along the way (the person's spaces carry it), so it is not read again.</summary>
    public void Remember(Guid personId, string? zone)
    {
        if (zone is not null)
            _zones.TryAdd(personId, zone);
    }

    public async Task<DateOnly> TodayAsync(Guid personId, CancellationToken ct = default) =>
        Today(await ZoneAsync(personId, ct), clock.GetUtcNow());

    public static DateOnly Today(string? timeZoneId, DateTimeOffset utcNow)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "", out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, zone).DateTime);
    }
}
