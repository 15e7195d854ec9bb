using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CheckIns;

/// <summary>A person's own calendar day, in their time zone: check-ins belong to it.</summary>
public sealed class PersonalDay(CornerDbContext db, TimeProvider clock)
{
    public async Task<DateOnly> TodayAsync(Guid personId, CancellationToken ct = default)
    {
        var zoneId = await db.Users.Where(p => p.Id == personId).Select(p => p.TimeZone).FirstOrDefaultAsync(ct);
        return Today(zoneId, clock.GetUtcNow());
    }

    public static DateOnly Today(string? timeZoneId, DateTimeOffset utcNow)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId ?? "", out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(utcNow, zone).DateTime);
    }
}
