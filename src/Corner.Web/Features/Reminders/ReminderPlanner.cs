using Corner.Web.Data;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Reminders;

/// <summary>
/// Puts each person's next reminder on the queue, keyed reminder:{person}:{local date} so a day never
/// gets two. Runs every minute on every node (duplicates are refused by the key), and right after a
/// person changes their settings. Needs system scope in an open transaction.
/// </summary>
public sealed class ReminderPlanner(CornerDbContext db, JobQueue queue, TimeProvider clock)
{
    public const string SendKind = "reminders.send";

    public async Task<int> PlanAllAsync(CancellationToken ct)
    {
        var settings = await (from s in db.Set<ReminderSetting>()
                              join p in db.Users on s.PersonId equals p.Id
                              where s.Enabled
                              select new { s.PersonId, s.LocalTime, s.QuietStart, s.QuietEnd, p.TimeZone })
            .AsNoTracking().ToListAsync(ct);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var s in settings)
        {
            var next = ReminderTiming.Next(now, ReminderTiming.ZoneOrUtc(s.TimeZone), s.LocalTime, s.QuietStart, s.QuietEnd);
            if (await EnqueueAsync(s.PersonId, next, ct))
                added++;
        }
        return added;
    }

    /// <summary>After a settings change: drop this person's reminders that have not gone yet and plan the next one.</summary>
    public async Task ReplanAsync(Guid personId, ReminderSetting setting, string? timeZone, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var zone = ReminderTiming.ZoneOrUtc(timeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var keys = Enumerable.Range(-1, 4).Select(d => ReminderTiming.DedupeKey(personId, today.AddDays(d))).ToList();
        await queue.CancelPendingAsync(SendKind, keys, now, ct);
        if (setting.Enabled)
            await EnqueueAsync(personId, ReminderTiming.Next(now, zone, setting.LocalTime, setting.QuietStart, setting.QuietEnd), ct);
    }

    private Task<bool> EnqueueAsync(Guid personId, ReminderInstant next, CancellationToken ct) =>
        queue.EnqueueAsync(SendKind, new SendReminderPayload(personId, next.LocalDate), next.At,
            ReminderTiming.DedupeKey(personId, next.LocalDate), ct);
}

/// <summary>What a reminder job carries: ids and a date, nothing anyone wrote.</summary>
public sealed record SendReminderPayload(Guid PersonId, DateOnly LocalDate);

/// <summary>Every minute, on every node: plan the next reminders.</summary>
public sealed class ReminderSchedulingStep(CornerDbContext db, ReminderPlanner planner) : IRecurringJobStep
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await planner.PlanAllAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
