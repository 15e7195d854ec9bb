using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Push;

/// <summary>
/// Issue 15, item 7, end to end: a device turns push on, the other member checks in, the job queue sends, and a
/// local push service (RFC 8030, VAPID-checked) receives bytes that decrypt (RFC 8291) to a message without a
/// word of what was written. A subscription the push service calls gone (410) is deleted.
/// Runs in the reminders' collection: those tests run the shared queue by hand with clocks years ahead, and would
/// otherwise take this test's push job from under it.
/// </summary>
[Collection(RemindersCollection.Name)]
public sealed class PushDeliveryTests : IAsyncLifetime
{
    private readonly ReminderAppFactory _factory = new(new Support.ManualClock(DateTimeOffset.UtcNow),
        new Dictionary<string, string?> { ["Corner:Push:AllowLoopbackEndpoints"] = "true" });
    private LocalPushService _push = null!;

    public async Task InitializeAsync() => _push = await LocalPushService.StartAsync();

    public async Task DisposeAsync()
    {
        await _push.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> SubscribeAsync(HttpClient client, LocalPushService.Device device)
    {
        var token = await client.AntiforgeryTokenAsync("/account/notifications");
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/notifications?handler=Subscribe")
        {
            Content = JsonContent.Create(new { endpoint = device.Endpoint, p256dh = device.P256dh, auth = device.Auth }),
        };
        request.Headers.Add("X-CSRF-TOKEN", token);
        return await client.SendAsync(request);
    }

    private static Task<long> SubscriptionsAsync(string endpoint) =>
        Sql.OwnerScalarAsync<long>("select count(*) from push_subscriptions where endpoint = $1", endpoint);

    [Fact]
    public async Task CheckIn_WhenTheOtherTurnedPushOn_ArrivesEncryptedAtTheirDeviceWithoutTheNote_AndAGoneDeviceIsForgotten()
    {
        var ada = await _factory.CreatePersonAsync("Ada");
        var sam = await _factory.CreatePersonAsync("Sam");
        var bond = await _factory.CreateBondAsync(ada, sam);
        var samClient = await _factory.SignedInClientAsync(sam);
        var phone = _push.NewDevice();
        var oldLaptop = _push.NewDevice();
        Assert.Equal(HttpStatusCode.NoContent, (await SubscribeAsync(samClient, phone)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await SubscribeAsync(samClient, oldLaptop)).StatusCode);
        oldLaptop.Answer = HttpStatusCode.Gone;
        var page = await samClient.GetPageAsync("/account/notifications");
        var publicKey = page.QuerySelector("[data-public-key]")!.GetAttribute("data-public-key");

        const string note = "the thing about my sister I never said";
        var adaClient = await _factory.SignedInClientAsync(ada);
        Assert.True((await adaClient.CheckInThroughFormAsync(["sad.tired"], note, shareWith: bond)).StatusCode.IsRedirect());
        await _factory.RunJobsAsync();

        Assert.True(_push.Refusals.IsEmpty, string.Join("\n", _push.Refusals));
        var delivery = Assert.Single(_push.Deliveries);
        Assert.Equal(phone.Id, delivery.DeviceId);
        var message = JsonDocument.Parse(delivery.Plaintext).RootElement;
        Assert.Equal("Ada checked in", message.GetProperty("body").GetString());
        Assert.Equal($"/spaces/{bond}", message.GetProperty("url").GetString());
        Assert.DoesNotContain("sister", delivery.Plaintext, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("tired", delivery.Plaintext, StringComparison.OrdinalIgnoreCase);
        Assert.True(delivery.TimeToLive > 0);
        Assert.Equal(publicKey, delivery.VapidPublicKey);

        Assert.Equal(1, await SubscriptionsAsync(phone.Endpoint));
        Assert.Equal(0, await SubscriptionsAsync(oldLaptop.Endpoint));
    }

    [Fact]
    public async Task SignOutEverywhere_WithTwoDevicesSubscribed_RemovesBoth()
    {
        var kai = await _factory.CreatePersonAsync("Kai");
        var client = await _factory.SignedInClientAsync(kai);
        var one = _push.NewDevice();
        var two = _push.NewDevice();
        await SubscribeAsync(client, one);
        await SubscribeAsync(client, two);
        Assert.Equal(2, await Sql.OwnerScalarAsync<long>("select count(*) from push_subscriptions where person_id = $1", kai.Id));

        await client.SubmitFormAsync("/account", new Dictionary<string, string>(), formAction: "/account?handler=SignOutEverywhere");

        Assert.Equal(0, await Sql.OwnerScalarAsync<long>("select count(*) from push_subscriptions where person_id = $1", kai.Id));
    }

    [Fact]
    public async Task Subscribe_WithAnEndpointThatIsNotAPushService_IsRefused()
    {
        var kai = await _factory.CreatePersonAsync("Kai");
        var client = await _factory.SignedInClientAsync(kai);
        var device = _push.NewDevice();
        var token = await client.AntiforgeryTokenAsync("/account/notifications");
        foreach (var body in new object[]
        {
            new { endpoint = "file:///etc/passwd", p256dh = device.P256dh, auth = device.Auth },
            new { endpoint = device.Endpoint, p256dh = "not a key", auth = device.Auth },
            new { endpoint = device.Endpoint, p256dh = device.P256dh, auth = "" },
        })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/account/notifications?handler=Subscribe") { Content = JsonContent.Create(body) };
            request.Headers.Add("X-CSRF-TOKEN", token);
            Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
        }
    }
}
