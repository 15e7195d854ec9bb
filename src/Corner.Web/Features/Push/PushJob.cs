using System.Net;
using System.Text.Json;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Reminders;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Infrastructure.Live;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Push;

/// <summary>
/// Sends one push to every device of its recipient, through each browser's push service (RFC 8030), encrypted to
/// the device (RFC 8291) and signed with this installation's VAPID key, by Lib.Net.Http.WebPush. The message says
/// who or that something is waiting ("Sam checked in"), never what anyone wrote. A subscription the push service
/// calls gone (404, 410) is deleted. Skipped when the recipient has left the space; a check-in reminder is skipped
/// as its email would be (reminders off, the day over, already checked in).
/// </summary>
public sealed class PushJob(CornerDbContext db, SpaceAccessor spaces, PushSubscriptions subscriptions, VapidKeys vapid, IHttpClientFactory httpClients,
    IOptions<PushOptions> options, TimeProvider clock, IStringLocalizer<PushText> text, ILogger<PushJob> logger) : IJobHandler
{
    /// <summary>How long a push service may hold the message for a device that is offline.</summary>
    public const int TimeToLiveSeconds = 12 * 60 * 60;

    public string Kind => PushNotifier.JobKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.Payload.Deserialize<PushPayload>() ?? throw new JsonException("Empty push payload");
        var message = payload.Kind == PushNotifier.CheckInReminderKind
            ? await ReminderMessageAsync(payload, ct)
            : await SpaceMessageAsync(payload, ct);
        if (message is null)
            return;
        var devices = await subscriptions.ForPersonAsync(payload.RecipientId, ct);
        if (devices.Count == 0)
            return;

        var (publicKey, privateKey) = await vapid.GetAsync(ct);
        using var authentication = new VapidAuthentication(publicKey, privateKey) { Subject = options.Value.Subject };
        var client = new PushServiceClient(httpClients.CreateClient(nameof(PushJob)))
        {
            DefaultAuthentication = authentication,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            DefaultTimeToLive = TimeToLiveSeconds,
        };
        foreach (var device in devices)
        {
            var subscription = new PushSubscription { Endpoint = device.Endpoint };
            subscription.SetKey(PushEncryptionKeyName.P256DH, device.P256dh);
            subscription.SetKey(PushEncryptionKeyName.Auth, device.Auth);
            try
            {
                await client.RequestPushMessageDeliveryAsync(subscription, new PushMessage(message) { Urgency = PushMessageUrgency.Normal }, ct);
            }
            catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.Gone or HttpStatusCode.NotFound)
            {
                await subscriptions.ForgetAsync(device.Id, ct);
                logger.LogInformation("Push job {JobId}: a subscription was gone and is deleted", job.Id);
            }
            catch (Exception e) when (e is PushServiceClientException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                // Best effort per device: one unreachable push service must not resend to the others on retry.
                logger.LogWarning("Push job {JobId}: a push service refused or was unreachable ({Error})", job.Id, e.GetType().Name);
            }
        }
    }

    /// <summary>"Ada checked in" or "Something is waiting", with a link to the space; null once the recipient left it.</summary>
    private async Task<string?> SpaceMessageAsync(PushPayload payload, CancellationToken ct)
    {
        if (await spaces.FindForMemberAsync(payload.BondId, payload.RecipientId, ct) is not { } space)
            return null;
        var other = space.OtherLeft ? null : space.OtherName;
        return Message(payload.Kind == LiveKinds.CheckIn && other is not null ? text["Push_CheckedIn", other].Value : text["Push_Waiting"].Value,
            $"/spaces/{payload.BondId}");
    }

    /// <summary>"Time for today's check-in", linking to the check-in; null when reminders were turned off, the day is over
    /// for the person (a push held back by quiet hours into the next morning helps nobody), or they already checked in.</summary>
    private async Task<string?> ReminderMessageAsync(PushPayload payload, CancellationToken ct)
    {
        if (payload.LocalDate is not { } day
            || !await db.Set<ReminderSetting>().AnyAsync(s => s.PersonId == payload.RecipientId && s.Enabled, ct))
            return null;
        var zone = await db.Users.Where(p => p.Id == payload.RecipientId).Select(p => p.TimeZone).FirstOrDefaultAsync(ct);
        if (PersonalDay.Today(zone, clock.GetUtcNow()) != day
            || await db.Set<CheckIn>().AnyAsync(c => c.PersonId == payload.RecipientId && c.LocalDate == day, ct))
            return null;
        return Message(text["Push_Reminder"].Value, "/check-in");
    }

    private string Message(string body, string url) => JsonSerializer.Serialize(new { title = text["Push_Title"].Value, body, url });
}
