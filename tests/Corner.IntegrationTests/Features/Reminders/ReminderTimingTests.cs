using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Reminders;

/// <summary>Reminders arrive at the person's own local time, through the real queue and worker.</summary>
[Collection(RemindersCollection.Name)]
public sealed class ReminderTimingTests
{
    [Theory]
    [InlineData("Europe/London", "2030-01-15T19:00:00Z")]
    [InlineData("America/New_York", "2030-01-16T00:00:00Z")]
    [InlineData("Asia/Kolkata", "2030-01-15T13:30:00Z")]
    public async Task Reminder_AtSevenInTheEveningLocally_ArrivesThenAndNotBefore(string zone, string expectedUtc)
    {
        var due = DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture);
        using var app = new ReminderAppFactory(new ManualClock(due.AddHours(-3)));
        var person = await app.CreatePersonInAsync(zone);
        await app.SaveSettingsAsync(person, "19:00");

        app.Clock.Set(due.AddMinutes(-1));
        await app.RunJobsAsync();
        Assert.Empty(app.MailTo(person));

        app.Clock.Set(due);
        await app.RunJobsAsync();
        var mail = Assert.Single(app.MailTo(person));
        Assert.Equal("Time for today's check-in", mail.Subject);
    }

    [Fact]
    public async Task Reminder_InsideTheSpringForwardGap_ArrivesAtTheFirstMomentAfterIt()
    {
        // New York skips 02:00-03:00 on 10 March 2030; 02:30 does not exist, so 03:00 EDT (07:00 UTC).
        using var app = new ReminderAppFactory(new ManualClock(new DateTimeOffset(2030, 3, 10, 1, 0, 0, TimeSpan.Zero)));
        var person = await app.CreatePersonInAsync("America/New_York");
        await app.SaveSettingsAsync(person, "02:30");

        app.Clock.Set(new DateTimeOffset(2030, 3, 10, 6, 59, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Empty(app.MailTo(person));

        app.Clock.Set(new DateTimeOffset(2030, 3, 10, 7, 0, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));
    }

    [Fact]
    public async Task Reminder_AtATimeThatHappensTwiceOnFallBack_ArrivesOnce()
    {
        // London repeats 01:00-02:00 on 27 October 2030: 01:30 BST (00:30 UTC), then 01:30 GMT (01:30 UTC).
        using var app = new ReminderAppFactory(new ManualClock(new DateTimeOffset(2030, 10, 26, 22, 0, 0, TimeSpan.Zero)));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "01:30");

        app.Clock.Set(new DateTimeOffset(2030, 10, 27, 0, 30, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));

        foreach (var minutes in new[] { 31, 60, 61, 95 })
        {
            app.Clock.Set(new DateTimeOffset(2030, 10, 27, 0, 0, 0, TimeSpan.Zero).AddMinutes(minutes));
            await app.RunJobsAsync();
        }
        Assert.Single(app.MailTo(person));
    }

    [Fact]
    public async Task Reminder_AfterTheMarchChange_KeepsTheSameLocalTime()
    {
        // London moves to BST on 31 March 2030: 19:00 local is 19:00 UTC on the 30th, 18:00 UTC on the 31st.
        using var app = new ReminderAppFactory(new ManualClock(new DateTimeOffset(2030, 3, 30, 12, 0, 0, TimeSpan.Zero)));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");

        app.Clock.Set(new DateTimeOffset(2030, 3, 30, 19, 0, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));

        app.Clock.Set(new DateTimeOffset(2030, 3, 31, 17, 59, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));

        app.Clock.Set(new DateTimeOffset(2030, 3, 31, 18, 0, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Equal(2, app.MailTo(person).Count);
    }

    [Fact]
    public async Task Reminder_InsideQuietHoursThatWrapMidnight_ArrivesWhenTheyEnd()
    {
        using var app = new ReminderAppFactory(new ManualClock(new DateTimeOffset(2030, 1, 20, 12, 0, 0, TimeSpan.Zero)));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "23:30", quietStart: "22:00", quietEnd: "07:00");

        app.Clock.Set(new DateTimeOffset(2030, 1, 20, 23, 30, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        app.Clock.Set(new DateTimeOffset(2030, 1, 21, 6, 59, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Empty(app.MailTo(person));

        app.Clock.Set(new DateTimeOffset(2030, 1, 21, 7, 0, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));
    }

    [Fact]
    public async Task Reminder_WhenTheTimeIsChangedLater_ComesAtTheNewTimeOnly()
    {
        using var app = new ReminderAppFactory(new ManualClock(new DateTimeOffset(2030, 2, 5, 8, 0, 0, TimeSpan.Zero)));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "12:00");
        await app.RunJobsAsync();
        await app.SaveSettingsAsync(person, "18:00");

        app.Clock.Set(new DateTimeOffset(2030, 2, 5, 12, 0, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Empty(app.MailTo(person));

        app.Clock.Set(new DateTimeOffset(2030, 2, 5, 18, 0, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));
    }
}
