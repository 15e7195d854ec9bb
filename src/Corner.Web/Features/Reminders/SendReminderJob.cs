using System.Text.Json;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Push;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Reminders;

/// <summary>
/// Sends one person's reminder for one local day, unless they turned reminders off, already checked in
/// that day, or the day is already over for them (a reminder delayed past its day helps nobody). The
/// email says only that it is time for today's check-in, with a one-click way to stop; devices with push on
/// get the same words as a notification.
/// </summary>
public sealed class SendReminderJob(CornerDbContext db, EmailSender email, ReminderStopToken tokens, TimeProvider clock,
    PushNotifier push, IOptions<CornerOptions> options, IStringLocalizer<RemindersText> text, ILogger<SendReminderJob> logger) : IJobHandler
{
    public string Kind => ReminderPlanner.SendKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.Payload.Deserialize<SendReminderPayload>() ?? throw new JsonException("Empty reminder payload");
        var setting = await db.Set<ReminderSetting>().FirstOrDefaultAsync(s => s.PersonId == payload.PersonId, ct);
        var person = await db.Users.Where(p => p.Id == payload.PersonId)
            .Select(p => new { p.Email, p.TimeZone }).FirstOrDefaultAsync(ct);
        if (setting is not { Enabled: true } || person is null)
            return;
        if (PersonalDay.Today(person.TimeZone, clock.GetUtcNow()) != payload.LocalDate)
        {
            logger.LogInformation("Reminder job {JobId} skipped: its day has passed", job.Id);
            return;
        }
        if (await db.Set<CheckIn>().AnyAsync(c => c.PersonId == payload.PersonId && c.LocalDate == payload.LocalDate, ct))
            return;

        // The same nudge on the devices they turned push on for (no content either). Queued in this job's transaction:
        // if the email fails and the job is retried, the push is not doubled.
        await push.QueueCheckInReminderAsync(payload.PersonId, payload.LocalDate, ct);
        if (person.Email is null)
            return;

        var token = tokens.For(payload.PersonId);
        var hash = ReminderStopToken.Hash(token);
        // After a master-key rotation the derived token changes: keep the stored hash in step with the link we send.
        if (!setting.UnsubscribeTokenHash.AsSpan().SequenceEqual(hash))
            setting.UnsubscribeTokenHash = hash;

        var baseUrl = (options.Value.PublicUrl ?? "https://localhost").TrimEnd('/');
        var stopUrl = $"{baseUrl}/reminders/stop/{token}";
        var body = text["Email_Body", $"{baseUrl}/check-in", stopUrl, $"{baseUrl}/reminders"].Value;
        await email.SendAsync(person.Email, text["Email_Subject"].Value, body, ct, new Dictionary<string, string>
        {
            // RFC 8058: mail apps can offer their own one-click "unsubscribe", which POSTs to this address.
            ["List-Unsubscribe"] = $"<{stopUrl}>",
            ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
        });
    }
}
