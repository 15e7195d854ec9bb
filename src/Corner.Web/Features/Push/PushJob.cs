using System.Net;
using System.Text.Json;
using Corner.Web.Data;
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
/// calls gone (404, 410) is deleted. Skipped when the recipient has left the space.
/// </summary>
public sealed class PushJob(CornerDbContext db, PushSubscriptions subscriptions, VapidKeys vapid, IHttpClientFactory httpClients,
    IOptions<PushOptions> options, IStringLocalizer<PushText> text, ILogger<PushJob> logger) : IJobHandler
{
    /// <summary>How long a push service may hold the message for a device that is offline.</summary>
    public const int TimeToLiveSeconds = 12 * 60 * 60;

    public string Kind => PushNotifier.JobKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var payload = job.Payload.Deserialize<PushPayload>() ?? throw new JsonException("Empty push payload");
        if (!await db.BondMembers.AnyAsync(m => m.BondId == payload.BondId && m.PersonId == payload.RecipientId && m.LeftAt == null, ct))
            return;
        var devices = await subscriptions.ForPersonAsync(payload.RecipientId, ct);
        if (devices.Count == 0)
            return;
        var other = await db.BondMembers.Where(m => m.BondId == payload.BondId && m.PersonId != payload.RecipientId && m.LeftAt == null)
            .Join(db.Users, m => m.PersonId, p => p.Id, (m, p) => p.DisplayName).FirstOrDefaultAsync(ct);
        var message = JsonSerializer.Serialize(new
        {
            title = text["Push_Title"].Value,
            body = payload.Kind == LiveKinds.CheckIn && other is not null ? text["Push_CheckedIn", other].Value : text["Push_Waiting"].Value,
            url = $"/spaces/{payload.BondId}",
        });

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
}
