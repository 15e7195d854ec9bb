using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.CheckIns;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Push;

/// <summary>
/// Issue 15, item 7: what email nudges cover reaches opted-in devices as a push too. The daily check-in reminder
/// arrives at the local RFC 8030/8291 push service, decrypts, and says only that it is time; quiet hours hold it
/// back. Devices are turned on and off through /api/v1/push/subscriptions (the account page's handler).
/// </summary>
[Collection(RemindersCollection.Name)]
public sealed class PushReminderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = new(2032, 6, 10, 6, 0, 0, TimeSpan.Zero);
    // 19:00 in London in June (BST) is 18:00 UTC.
    private static readonly DateTimeOffset Due = new(2032, 6, 10, 18, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, string?> LoopbackPush = new() { ["Corner:Push:AllowLoopbackEndpoints"] = "true" };

    private LocalPushService _push = null!;

    public async Task InitializeAsync() => _push = await LocalPushService.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    /// <summary>The way a browser's PushSubscription.toJSON() shapes it.</summary>
    private static Task<HttpResponseMessage> TurnOnAsync(HttpClient client, LocalPushService.Device device) =>
        client.PostAsJsonAsync("/api/v1/push/subscriptions", new { endpoint = device.Endpoint, keys = new { p256dh = device.P256dh, auth = device.Auth } });

    private static Task<HttpResponseMessage> TurnOffAsync(HttpClient client, string endpoint) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/push/subscriptions") { Content = JsonContent.Create(new { endpoint }) });

    /// <summary>The app's clock starts at the real time, so the signed-in client's cookie (minted for now) is taken while
    /// the test turns devices on; <see cref="At"/> then moves it to the reminder's day.</summary>
    private static ReminderAppFactory App() => new(new ManualClock(DateTimeOffset.UtcNow), LoopbackPush);

    private static void At(ReminderAppFactory app, DateTimeOffset now) => app.Clock.Set(now);

    /// <summary>The reminder job queues the push as it runs; the push goes on the worker's next pass.</summary>
    private static async Task RunJobsTwiceAsync(ReminderAppFactory app)
    {
        await app.RunJobsAsync();
        await app.RunJobsAsync();
    }

    [Fact]
    public async Task CheckInReminder_WithPushOnForADevice_ArrivesAsAPushWithNoEntryText()
    {
        const string canary = "canary-words-about-my-brother";
        using var app = App();
        var person = await app.CreatePersonInAsync("Europe/London");
        var phone = _push.NewDevice();
        Assert.Equal(HttpStatusCode.NoContent, (await TurnOnAsync(await app.SignedInClientAsync(person), phone)).StatusCode);
        At(app, Morning.AddDays(-1));
        await app.SaveSettingsAsync(person, "19:00");
        var (_, problems) = await app.InScopeAsync(person.Id, sp => sp.GetRequiredService<CheckInRecorder>().SaveAsync(person.Id,
            new CheckInInput(["sad.lonely"], ["scared.rejected"], 4, canary, [])));
        Assert.Empty(problems);

        app.Clock.Set(Due);
        await RunJobsTwiceAsync(app);

        Assert.True(_push.Refusals.IsEmpty, string.Join("\n", _push.Refusals));
        var delivery = Assert.Single(_push.Deliveries, d => d.DeviceId == phone.Id);
        var message = JsonDocument.Parse(delivery.Plaintext).RootElement;
        Assert.Equal("Time for today's check-in", message.GetProperty("body").GetString());
        Assert.Equal("/check-in", message.GetProperty("url").GetString());
        foreach (var word in new[] { canary, "lonely", "rejected", person.DisplayName })
            Assert.DoesNotContain(word, delivery.Plaintext, StringComparison.OrdinalIgnoreCase);
        // The email still goes, and neither is doubled by a second pass.
        Assert.Single(app.MailTo(person));
        await RunJobsTwiceAsync(app);
        Assert.Single(_push.Deliveries, d => d.DeviceId == phone.Id);
    }

    [Fact]
    public async Task CheckInReminder_WhenItRunsLateIntoQuietHours_WaitsForTheirEndAndIsDroppedOnceTheDayIsOver()
    {
        using var app = App();
        var person = await app.CreatePersonInAsync("Europe/London");
        var phone = _push.NewDevice();
        Assert.Equal(HttpStatusCode.NoContent, (await TurnOnAsync(await app.SignedInClientAsync(person), phone)).StatusCode);
        At(app, Morning);
        await app.SaveSettingsAsync(person, "19:00", quietStart: "20:00", quietEnd: "07:00");

        // The queue was held up: the 19:00 reminder runs at 21:30, inside the quiet hours.
        app.Clock.Set(Due.AddHours(2.5));
        await RunJobsTwiceAsync(app);
        Assert.DoesNotContain(_push.Deliveries, d => d.DeviceId == phone.Id);
        var heldUntil = await Sql.OwnerScalarAsync<DateTime>(
            "select run_at from jobs where kind = 'push.send' and payload->>'RecipientId' = $1", person.Id.ToString());
        Assert.Equal(new DateTime(2032, 6, 11, 6, 0, 0, DateTimeKind.Utc), heldUntil.ToUniversalTime());

        // 07:00 next morning the quiet hours end, and yesterday's reminder helps nobody.
        app.Clock.Set(new DateTimeOffset(2032, 6, 11, 6, 1, 0, TimeSpan.Zero));
        await RunJobsTwiceAsync(app);
        Assert.DoesNotContain(_push.Deliveries, d => d.DeviceId == phone.Id);
        Assert.Equal(1, await Sql.OwnerScalarAsync<long>(
            "select count(*) from jobs where kind = 'push.send' and done_at is not null and payload->>'RecipientId' = $1", person.Id.ToString()));
    }

    [Fact]
    public async Task CheckInReminder_AfterTheDeviceWasTurnedOffThroughTheApi_IsNotPushed()
    {
        using var app = App();
        var person = await app.CreatePersonInAsync("Europe/London");
        var client = await app.SignedInClientAsync(person);
        var phone = _push.NewDevice();
        Assert.Equal(HttpStatusCode.NoContent, (await TurnOnAsync(client, phone)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await TurnOffAsync(client, phone.Endpoint)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await TurnOffAsync(client, phone.Endpoint)).StatusCode);
        At(app, Morning);
        await app.SaveSettingsAsync(person, "19:00");

        app.Clock.Set(Due);
        await RunJobsTwiceAsync(app);

        Assert.Single(app.MailTo(person));
        Assert.DoesNotContain(_push.Deliveries, d => d.DeviceId == phone.Id);
    }

    [Fact]
    public async Task PushSubscriptionsApi_WithSomeoneElsesEndpointOrABadSubscription_Answers404Or400()
    {
        using var app = App();
        var ada = await app.CreatePersonAsync("Ada");
        var sam = await app.CreatePersonAsync("Sam");
        var adaClient = await app.SignedInClientAsync(ada);
        var samClient = await app.SignedInClientAsync(sam);
        var adasPhone = _push.NewDevice();
        Assert.Equal(HttpStatusCode.NoContent, (await TurnOnAsync(adaClient, adasPhone)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await TurnOffAsync(samClient, adasPhone.Endpoint)).StatusCode);
        Assert.Equal(1, await Sql.OwnerScalarAsync<long>("select count(*) from push_subscriptions where endpoint = $1", adasPhone.Endpoint));

        foreach (var body in new object[]
        {
            new { endpoint = "file:///etc/passwd", keys = new { p256dh = adasPhone.P256dh, auth = adasPhone.Auth } },
            new { endpoint = adasPhone.Endpoint, keys = new { p256dh = "not a key", auth = adasPhone.Auth } },
            new { endpoint = adasPhone.Endpoint },
        })
        {
            var response = await samClient.PostAsJsonAsync("/api/v1/push/subscriptions", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("invalid_subscription", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        var notJson = await samClient.PostAsync("/api/v1/push/subscriptions", new StringContent("{nope", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }
}
