using Corner.IntegrationTests.Support;
using Corner.Web.Features.CheckIns;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Reminders;

[Collection(RemindersCollection.Name)]
public sealed class ReminderSendingTests
{
    private static readonly DateTimeOffset Morning = new(2031, 6, 10, 6, 0, 0, TimeSpan.Zero);
    // 19:00 in London in June (BST) is 18:00 UTC.
    private static readonly DateTimeOffset Due = new(2031, 6, 10, 18, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminder_WhenAlreadyCheckedInThatLocalDay_IsNotSent()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var checkedIn = await app.CreatePersonInAsync("Europe/London");
        var notYet = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(checkedIn, "19:00");
        await app.SaveSettingsAsync(notYet, "19:00");
        await app.CheckInAsync(checkedIn, new DateOnly(2031, 6, 10));

        app.Clock.Set(Due);
        await app.RunJobsAsync();

        Assert.Empty(app.MailTo(checkedIn));
        Assert.Single(app.MailTo(notYet));
    }

    [Fact]
    public async Task Reminder_WhenACheckInExistsOnlyForYesterday_IsStillSent()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");
        await app.CheckInAsync(person, new DateOnly(2031, 6, 9));

        app.Clock.Set(Due);
        await app.RunJobsAsync();

        Assert.Single(app.MailTo(person));
    }

    [Fact]
    public async Task Reminder_WhenTurnedOffAfterItWasPlanned_IsNotSent()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");
        await app.RunJobsAsync();
        await app.SaveSettingsAsync(person, "19:00", enabled: false);

        app.Clock.Set(Due);
        await app.RunJobsAsync();

        Assert.Empty(app.MailTo(person));
    }

    [Fact]
    public async Task Reminder_ForSomeoneWhoNeverTurnedThemOn_IsNeverSent()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var person = await app.CreatePersonInAsync("Europe/London");
        foreach (var hour in new[] { 9, 12, 18, 19, 21 })
        {
            app.Clock.Set(new DateTimeOffset(2031, 6, 10, hour, 0, 0, TimeSpan.Zero));
            await app.RunJobsAsync();
        }
        Assert.Empty(app.MailTo(person));
    }

    [Fact]
    public async Task ReminderEmail_AfterAPrivateCheckInYesterday_CarriesNoFeelingsOrNoteText()
    {
        const string canary = "canary-words-about-a-hard-week";
        using var app = new ReminderAppFactory(new ManualClock(Morning.AddDays(-1)));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");
        var (saved, problems) = await app.InScopeAsync(person.Id, sp => sp.GetRequiredService<CheckInRecorder>().SaveAsync(person.Id,
            new CheckInInput(["sad.lonely"], ["scared.rejected"], 4, canary, [])));
        Assert.Empty(problems);
        Assert.NotNull(saved);

        app.Clock.Set(Due);
        await app.RunJobsAsync();

        var mail = Assert.Single(app.MailTo(person));
        var raw = await File.ReadAllTextAsync(Path.Combine(app.MailFolder, mail.File));
        foreach (var text in new[] { mail.Subject, mail.Body })
        {
            Assert.DoesNotContain(canary, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("lonely", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("rejected", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.DisplayName, text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(canary, raw, StringComparison.OrdinalIgnoreCase);
        // No guilt: nothing about streaks or days missed.
        foreach (var word in new[] { "streak", "missed", "forgot", "behind" })
            Assert.DoesNotContain(word, mail.Subject + mail.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("https://localhost/check-in", mail.Body, StringComparison.Ordinal);
        Assert.Contains("https://localhost/reminders/stop/", mail.Body, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_WithTwoAppNodesRunningTheQueueAtOnce_IsSentExactlyOnce()
    {
        var clock = new ManualClock(Morning);
        using var first = new ReminderAppFactory(clock);
        using var second = new ReminderAppFactory(clock);
        var people = new List<TestPerson>();
        for (var i = 0; i < 6; i++)
        {
            var person = await first.CreatePersonInAsync("Europe/London");
            await first.SaveSettingsAsync(person, "19:00");
            people.Add(person);
        }
        _ = second.Services; // start the second node before the race

        clock.Set(Due);
        await Task.WhenAll(
            Task.Run(first.RunJobsAsync), Task.Run(second.RunJobsAsync),
            Task.Run(first.RunJobsAsync), Task.Run(second.RunJobsAsync));

        foreach (var person in people)
            Assert.Equal(1, first.MailTo(person).Count + second.MailTo(person).Count);
    }

    [Fact]
    public async Task Reminder_PlannedBeforeARestart_IsSentByTheNextInstance()
    {
        var clock = new ManualClock(Morning);
        TestPerson person;
        using (var before = new ReminderAppFactory(clock))
        {
            person = await before.CreatePersonInAsync("Europe/London");
            await before.SaveSettingsAsync(person, "19:00");
        }

        clock.Set(Due);
        using var after = new ReminderAppFactory(clock);
        await after.RunJobsAsync();

        Assert.Single(after.MailTo(person));
    }
}
