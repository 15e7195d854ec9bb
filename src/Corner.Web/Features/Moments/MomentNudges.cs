using System.Text.Json;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Reminders;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Moments;

/// <summary>What a nudge job carries: ids and a kind, nothing anyone wrote.</summary>
public sealed record MomentNudgePayload(Guid RecipientId, Guid BondId, Guid ActorId, string Kind, Guid ItemId);

/// <summary>
/// Opt-in email nudges for hand-overs in Moments. A nudge is queued only for someone who turned nudges on,
/// a little after the hand-over (so someone with Corner open has already seen it live), never in their
/// quiet hours, and at most once per hand-over (the queue's key). The job sends it only if it is still waiting.
/// </summary>
public sealed class MomentNudges(CornerDbContext db, JobQueue queue, TimeProvider clock)
{
    public const string JobKind = "moments.nudge";
    public static readonly TimeSpan Delay = TimeSpan.FromMinutes(10);

    public static string DedupeKey(string kind, Guid itemId, Guid recipientId) => $"moments.nudge:{kind}:{itemId}:{recipientId}";

    public async Task<bool> IsEnabledAsync(Guid personId, CancellationToken ct = default) =>
        await db.Set<MomentNudgeSetting>().AnyAsync(s => s.PersonId == personId && s.Enabled, ct);

    /// <summary>Turns the person's own nudges on or off.</summary>
    public async Task SetEnabledAsync(Guid personId, bool enabled, CancellationToken ct = default)
    {
        var setting = await db.Set<MomentNudgeSetting>().FirstOrDefaultAsync(s => s.PersonId == personId, ct);
        if (setting is null)
        {
            setting = new MomentNudgeSetting { PersonId = personId };
            db.Add(setting);
        }
        setting.Enabled = enabled;
        setting.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Queues a nudge to <paramref name="recipientId"/> if they opted in. Runs in the actor's request:
    /// steps into system scope (the recipient's settings and the queue are not the actor's to see) and back.</summary>
    public async Task NudgeAsync(Guid bondId, Guid actorId, Guid recipientId, string kind, Guid itemId, CancellationToken ct)
    {
        await using (await db.SystemScopeAsync(ct))
        {
            if (!await db.Set<MomentNudgeSetting>().AnyAsync(s => s.PersonId == recipientId && s.Enabled, ct))
                return;
            var zone = await db.Users.Where(p => p.Id == recipientId).Select(p => p.TimeZone).FirstOrDefaultAsync(ct);
            var quiet = await db.Set<ReminderSetting>().Where(s => s.PersonId == recipientId)
                .Select(s => new { s.QuietStart, s.QuietEnd }).FirstOrDefaultAsync(ct);
            var runAt = OutsideQuietHours(clock.GetUtcNow() + Delay, ReminderTiming.ZoneOrUtc(zone), quiet?.QuietStart, quiet?.QuietEnd);
            await queue.EnqueueAsync(JobKind, new MomentNudgePayload(recipientId, bondId, actorId, kind, itemId), runAt,
                DedupeKey(kind, itemId, recipientId), ct);
        }
    }

    /// <summary><paramref name="at"/>, or the end of the quiet hours it falls in.</summary>
    public static DateTimeOffset OutsideQuietHours(DateTimeOffset at, TimeZoneInfo zone, TimeOnly? quietStart, TimeOnly? quietEnd)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone).DateTime;
        if (quietEnd is not { } end || !ReminderTiming.IsQuiet(TimeOnly.FromDateTime(local), quietStart, quietEnd))
            return at;
        var date = DateOnly.FromDateTime(local);
        var endToday = ReminderTiming.InstantOf(date, end, zone);
        return endToday > at ? endToday : ReminderTiming.InstantOf(date.AddDays(1), end, zone);
    }
}

/// <summary>
/// Sends one nudge: "Sam is waiting for you in Corner" and a link to the space. Nothing anyone wrote, not
/// even what kind of thing is waiting. Skipped when the person turned nudges off, left the space, or has
/// already dealt with the hand-over.
/// </summary>
public sealed class MomentNudgeJob(CornerDbContext db, SpaceAccessor spaces, EmailSender email, IOptions<CornerOptions> options,
    IStringLocalizer<MomentsText> text, ILogger<MomentNudgeJob> logger) : IJobHandler
{
    public string Kind => MomentNudges.JobKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.Payload.Deserialize<MomentNudgePayload>() ?? throw new JsonException("Empty nudge payload");
        if (!await db.Set<MomentNudgeSetting>().AnyAsync(s => s.PersonId == payload.RecipientId && s.Enabled, ct))
            return;
        if (!await spaces.IsMemberAsync(payload.BondId, payload.RecipientId, ct))
            return;
        if (!await StillWaitingAsync(payload, ct))
        {
            logger.LogInformation("Nudge job {JobId} skipped: already dealt with", job.Id);
            return;
        }
        var recipient = await db.Users.Where(p => p.Id == payload.RecipientId).Select(p => p.Email).FirstOrDefaultAsync(ct);
        var actor = await db.Users.Where(p => p.Id == payload.ActorId).Select(p => p.DisplayName).FirstOrDefaultAsync(ct);
        if (recipient is null || actor is null)
            return;
        var baseUrl = (options.Value.PublicUrl ?? "https://localhost").TrimEnd('/');
        await email.SendAsync(recipient, text["Nudge_Subject", actor].Value,
            text["Nudge_Body", actor, $"{baseUrl}/spaces/{payload.BondId}", $"{baseUrl}/reminders"].Value, ct);
    }

    private Task<bool> StillWaitingAsync(MomentNudgePayload p, CancellationToken ct) => p.Kind switch
    {
        MomentKinds.MomentRecorded => db.Set<Moment>().AnyAsync(m => m.Id == p.ItemId && m.BackedId == p.RecipientId && m.Answer == null, ct),
        MomentKinds.MomentAnswered => db.Set<Moment>().AnyAsync(m => m.Id == p.ItemId && m.SupporterId == p.RecipientId && m.ReinforcedAt == null, ct),
        MomentKinds.BackingAsked => db.Set<BackingAsk>().AnyAsync(a => a.Id == p.ItemId && a.SupporterId == p.RecipientId
            && !db.Set<Moment>().Any(m => m.AskId == a.Id), ct),
        MomentKinds.MissedMoment => db.Set<MissedMoment>().AnyAsync(m => m.Id == p.ItemId && m.OtherId == p.RecipientId && m.RespondedAt == null, ct),
        _ => Task.FromResult(false),
    };
}
