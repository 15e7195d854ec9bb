using System.Net;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Counsel;

namespace Corner.IntegrationTests.Features.Counsel;

/// <summary>A grant ends on the day the members chose, by the app's own clock (moved by hand here).</summary>
public sealed class CounselExpiryTests
{
    [Fact]
    public async Task AfterItsLastDay_AGrantShowsNothing_AndTheDeskSaysItEnded()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var app = new ReminderAppFactory(clock);
        var a = await app.CreatePersonAsync();
        var b = await app.CreatePersonAsync();
        var counsellor = await Counsel.CreateCounsellorAsync(app);
        var space = await app.CreateSpaceAsync("space", a, b);
        var input = Counsel.Input([CounselScopes.Trends], expiresOn: DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3));
        var grant = await Counsel.ProposeAsync(app, space, a, input);
        Assert.Null(await Counsel.ConsentAsync(app, space, b, grant.Id));
        Assert.Null(await Counsel.TakeAsync(app, counsellor, grant.Token));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync(counsellor)).GetAsync($"/desk/{grant.Id}")).StatusCode);

        clock.Advance(TimeSpan.FromDays(5));
        var later = await app.SignedInClientAsync(counsellor);

        Assert.Equal(HttpStatusCode.NotFound, (await later.GetAsync($"/desk/{grant.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await later.GetAsync($"/api/v1/desk/{grant.Id}")).StatusCode);
        var desk = await later.GetStringAsync("/desk");
        Assert.Contains("This has ended.", desk, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam and Alex", desk, StringComparison.Ordinal);
        var forA = await (await app.SignedInClientAsync(a)).GetStringAsync($"/spaces/{space}/counsellor");
        Assert.Contains("Ended: the time you chose is over.", WebUtility.HtmlDecode(forA), StringComparison.Ordinal);
    }
}
