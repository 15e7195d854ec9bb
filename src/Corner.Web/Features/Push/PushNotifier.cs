using Corner.Web.Data;
using Corner.Web.Features.Moments;
using Corner.Web.Features.Reminders;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Infrastructure.Live;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Push;

/// <summary>What a push job carries: ids and a kind (and for a reminder, its local day), never anything anyone wrote.</summary>
public sealed record PushPayload(Guid RecipientId, Guid BondId, string Kind, Guid ItemId, DateOnly? LocalDate = null);

/// <summary>
/// Every live event (a check-in shared, a reflection, a pause, a moment handed over…) also becomes a push job
/// for its recipient, when they turned push on for at least one device. Queued in the actor's transaction, so a
/// rolled-back change never notifies; outside the recipient's quiet hours (then at their end); once per event.
/// The daily check-in reminder, which email covers too, comes here from its job (once per person and day).
/// </summary>
public sealed class PushNotifier(CornerDbContext db, JobQueue queue, TimeProvider clock) : ILiveEventRelay
{
    public const string JobKind = "push.send";

    /// <summary>The daily check-in reminder (Features/Reminders): not about a space, so its payload has no bond.</summary>
    public const string CheckInReminderKind = "reminder.check-in";

    public async Task RelayAsync(LiveEvent e, CancellationToken ct) =>
        await QueueAsync(new PushPayload(e.Recipient, e.Bond, e.Kind, e.Item), ct);

    /// <summary>The check-in reminder for <paramref name="localDate"/> as a push too, once per person and day, for
    /// someone with a device subscribed (the reminder job calls it as it sends the email).</summary>
    public Task QueueCheckInReminderAsync(Guid personId, DateOnly localDate, CancellationToken ct) =>
        QueueAsync(new PushPayload(personId, Guid.Empty, CheckInReminderKind, Guid.Empty, localDate),
            $"push:{CheckInReminderKind}:{personId}:{localDate:yyyy-MM-dd}", ct);

    /// <summary>Queues a push to the payload's recipient if they have a device subscribed. Steps into system scope
    /// (their subscriptions, settings and the queue are not the actor's to see) and back to whoever was acting.</summary>
    public Task QueueAsync(PushPayload payload, CancellationToken ct) =>
        QueueAsync(payload, $"push:{payload.Kind}:{payload.ItemId}:{payload.RecipientId}", ct);

    private async Task QueueAsync(PushPayload payload, string dedupeKey, CancellationToken ct)
    {
        await using var _ = await db.SystemScopeAsync(ct);
        var recipient = await db.Database.SqlQuery<Recipient>($"""
            select p.time_zone as "TimeZone", r.quiet_start as "QuietStart", r.quiet_end as "QuietEnd"
            from people p left join reminder_settings r on r.person_id = p.id
            where p.id = {payload.RecipientId} and exists (select 1 from push_subscriptions s where s.person_id = p.id)
            """).FirstOrDefaultAsync(ct);
        if (recipient is null)
            return;
        var runAt = MomentNudges.OutsideQuietHours(clock.GetUtcNow(), ReminderTiming.ZoneOrUtc(recipient.TimeZone),
            recipient.QuietStart, recipient.QuietEnd);
        await queue.EnqueueAsync(JobKind, payload, runAt, dedupeKey, ct);
    }

    private sealed record Recipient(string? TimeZone, TimeOnly? QuietStart, TimeOnly? QuietEnd);
}
