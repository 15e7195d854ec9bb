using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Moments;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Moments;

/// <summary>Email nudges share the job queue with reminders, so they run in that collection, on a hand-moved clock in 2032.</summary>
[Collection(RemindersCollection.Name)]
public sealed class MomentNudgeTests
{
    // 09:00 in London in March (GMT).
    private static readonly DateTimeOffset Morning = new(2032, 3, 9, 9, 0, 0, TimeSpan.Zero);

    private static async Task<(TestPerson Ana, TestPerson Ben, Guid BondId)> CoupleAsync(ReminderAppFactory app)
    {
        var ana = await app.CreatePersonInAsync("Europe/London");
        var ben = await app.CreatePersonInAsync("Europe/London");
        return (ana, ben, await app.CreateSpaceAsync("Nudged", ana, ben));
    }

    private static Task<Guid> RecordAsync(ReminderAppFactory app, TestPerson supporter, Guid bondId, string situation) =>
        app.InScopeAsync(supporter.Id, async sp => (await sp.GetRequiredService<MomentWriter>().RecordAsync(bondId, supporter.Id,
            new MomentInput(Guid.NewGuid(), null, situation, "You looked tired", null, null))).Created!.Id);

    private static Task OptInAsync(ReminderAppFactory app, TestPerson person) =>
        app.InScopeAsync(person.Id, async sp => { await sp.GetRequiredService<MomentNudges>().SetEnabledAsync(person.Id, true); return 0; });

    [Fact]
    public async Task Nudge_ForSomeoneWhoOptedIn_IsOneEmailWithoutAnythingWritten()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var (ana, ben, bondId) = await CoupleAsync(app);
        await OptInAsync(app, ana);
        var situation = "secret-situation-" + Guid.NewGuid().ToString("N");
        await RecordAsync(app, ben, bondId, situation);

        await app.RunJobsAsync();
        Assert.Empty(app.MailTo(ana));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await app.RunJobsAsync();
        await app.RunJobsAsync();

        var mail = Assert.Single(app.MailTo(ana));
        Assert.Contains("is waiting for you in Corner", mail.Subject);
        Assert.Contains($"/spaces/{bondId}", mail.Body);
        Assert.DoesNotContain(situation, mail.Subject + mail.Body);
        Assert.DoesNotContain("You looked tired", mail.Subject + mail.Body);
        Assert.Empty(app.MailTo(ben));
    }

    [Fact]
    public async Task Nudge_ForSomeoneWhoDidNotOptIn_OrWhoAnsweredFirst_IsNotSent()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var (ana, ben, bondId) = await CoupleAsync(app);
        await RecordAsync(app, ben, bondId, "Not opted in");
        await OptInAsync(app, ben);
        var answeredFirst = await app.InScopeAsync(ana.Id, async sp =>
            (await sp.GetRequiredService<MissedMomentWriter>().WriteAsync(bondId, ana.Id,
                new MissedMomentInput(Guid.NewGuid(), MissedMomentWriter.WishYouHad, "The train", [], null))).Created!.Id);
        await app.InScopeAsync(ben.Id, async sp => await sp.GetRequiredService<MissedMomentWriter>().RespondAsync(bondId, answeredFirst, ben.Id, "I'm sorry"));

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await app.RunJobsAsync();

        Assert.Empty(app.MailTo(ana));
        Assert.Empty(app.MailTo(ben));
    }

    [Fact]
    public void NudgeTime_InsideQuietHours_MovesToTheirEnd()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var late = new DateTimeOffset(2032, 3, 9, 23, 30, 0, TimeSpan.Zero);

        var at = MomentNudges.OutsideQuietHours(late, london, new TimeOnly(22, 0), new TimeOnly(7, 0));

        Assert.Equal(new DateTimeOffset(2032, 3, 10, 7, 0, 0, TimeSpan.Zero), at);
        Assert.Equal(Morning, MomentNudges.OutsideQuietHours(Morning, london, new TimeOnly(22, 0), new TimeOnly(7, 0)));
    }
}
