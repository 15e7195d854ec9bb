using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Reminders;

namespace Corner.IntegrationTests.Infrastructure;

/// <summary>Email through MailKit to a real MTA (Exim on loopback), read back from its mailbox.</summary>
[Collection(RemindersCollection.Name)]
public sealed class EmailDeliveryTests
{
    private static readonly DateTimeOffset Morning = new(2032, 3, 10, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2032, 3, 10, 19, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminder_WhenSentThroughARealSmtpServer_ArrivesWithItsStopLinkAndNoIntimateContent()
    {
        await using var smtp = await LocalSmtpServer.StartAsync();
        using var app = new ReminderAppFactory(new ManualClock(Morning), SmtpSettings(smtp.Port));
        var person = await app.CreatePersonInAsync("Europe/London");
        var canary = "canary-space-" + Guid.NewGuid().ToString("N");
        await app.CreateSpaceAsync(canary, person);
        await app.SaveSettingsAsync(person, "19:00");

        app.Clock.Set(Due);
        await app.RunJobsAsync();

        var message = Assert.Single(await smtp.WaitForMessagesAsync(1), m => m.To.ToString().Contains(person.Email, StringComparison.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(message.Subject));
        Assert.Contains("https://localhost/reminders/stop/", message.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://localhost/reminders/stop/", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.DoesNotContain(canary, message.ToString(), StringComparison.Ordinal);
        Assert.Contains("T=maildir", smtp.MainLog, StringComparison.Ordinal);
        Assert.Null(await LastErrorAsync(person));
    }

    [Fact]
    public async Task Reminder_WhenTheSmtpServerIsDown_StaysOnTheQueueAndIsSentOnceItIsBack()
    {
        var port = LocalSmtpServer.FreePort();
        using var app = new ReminderAppFactory(new ManualClock(Morning), SmtpSettings(port));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");

        app.Clock.Set(Due);
        await app.RunJobsAsync();
        Assert.NotNull(await LastErrorAsync(person));
        Assert.Equal(1L, await PendingAsync(person));

        await using var smtp = await LocalSmtpServer.StartAsync();
        using var later = new ReminderAppFactory(new ManualClock(Due.AddMinutes(5)), SmtpSettings(smtp.Port));
        await later.RunJobsAsync();

        Assert.Single(await smtp.WaitForMessagesAsync(1), m => m.To.ToString().Contains(person.Email, StringComparison.Ordinal));
        Assert.Equal(0L, await PendingAsync(person));
    }

    [Fact]
    public async Task Reminder_WhenTheServerRefusesTheRecipient_StaysOnTheQueueAndIsSentOnceTheAddressWorks()
    {
        await using var smtp = await LocalSmtpServer.StartAsync();
        using var app = new ReminderAppFactory(new ManualClock(Morning), SmtpSettings(smtp.Port));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");
        var refused = "bounce-" + person.Email;
        await Sql.OwnerExecuteAsync("update people set email = $1 where id = $2", refused, person.Id);

        app.Clock.Set(Due);
        await app.RunJobsAsync();
        Assert.Equal("SmtpCommandException", await LastErrorAsync(person));
        Assert.Equal(1L, await PendingAsync(person));
        Assert.Empty(await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(1)));

        await Sql.OwnerExecuteAsync("update people set email = $1 where id = $2", person.Email, person.Id);
        app.Clock.Set(Due.AddMinutes(5));
        await app.RunJobsAsync();

        Assert.Single(await smtp.WaitForMessagesAsync(1), m => m.To.ToString().Contains(person.Email, StringComparison.Ordinal));
        Assert.Equal(0L, await PendingAsync(person));
    }

    private static Dictionary<string, string?> SmtpSettings(int port) => new()
    {
        ["Email:SmtpHost"] = "127.0.0.1",
        ["Email:SmtpPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:SmtpUseTls"] = "false",
        ["Email:SmtpTimeout"] = "00:00:10",
        ["Email:From"] = "Corner <corner@corner-test.localhost>",
    };

    // That day's reminder only: once it is sent, the next day's is planned.
    private static Task<long> PendingAsync(TestPerson person) => Sql.OwnerScalarAsync<long>(
        "select count(*) from jobs where kind = $1 and payload->>'PersonId' = $2 and payload->>'LocalDate' = '2032-03-10' and done_at is null",
        ReminderPlanner.SendKind, person.Id.ToString());

    private static Task<string?> LastErrorAsync(TestPerson person) => Sql.OwnerScalarAsync<string?>(
        "select last_error from jobs where kind = $1 and payload->>'PersonId' = $2 order by id desc limit 1",
        ReminderPlanner.SendKind, person.Id.ToString());
}
