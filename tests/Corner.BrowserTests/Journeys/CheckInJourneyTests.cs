using Corner.BrowserTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 3 end to end: a check-in shared live with the other member, their reflection arriving live and
/// marked "yes, that's it", and a month of shared check-ins drawn as charts with matching tables.
/// </summary>
public sealed class CheckInJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    [Fact]
    public Task CheckIn_WhenSharedAndReflectedOn_ShowsLiveToBothAndTheReflectionCanBeMarkedRight() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        // B keeps the space's check-ins open, on a phone.
        var samPage = await OpenPageAsAsync(sam, Viewport.Phone);
        await VisitAsync(samPage, $"/spaces/{bond}/check-ins");
        await Expect(samPage.GetByText("No shared check-ins in this period yet.", new() { Exact = false })).ToBeVisibleAsync();
        await WaitUntilLiveAsync(samPage);
        await samPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // A checks in and shares it with B.
        var amalPage = await OpenPageAsAsync(amal);
        await VisitAsync(amalPage, "/check-in");
        var showing = amalPage.GetByRole(AriaRole.Group, new() { Name = "What I'm showing" });
        await showing.GetByText("Sad", new() { Exact = true }).ClickAsync();
        await showing.GetByLabel("tired", new() { Exact = true }).CheckAsync();
        await showing.GetByText("Scared", new() { Exact = true }).ClickAsync();
        await showing.GetByLabel("overwhelmed", new() { Exact = true }).CheckAsync();
        var underneath = amalPage.GetByRole(AriaRole.Group, new() { Name = "What's underneath" });
        await underneath.GetByText("Sad", new() { Exact = true }).ClickAsync();
        await underneath.GetByLabel("lonely", new() { Exact = true }).CheckAsync();
        await amalPage.GetByRole(AriaRole.Radio, new() { Name = "strongly", Exact = true }).CheckAsync();
        await amalPage.GetByLabel("Anything you'd like to add? (optional)").FillAsync("the deadline moved again");
        await amalPage.GetByRole(AriaRole.Checkbox, new() { Name = "Share with Sam in \"Amal and Sam\"" }).CheckAsync();
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save my check-in" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Thank you for checking in." })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // B's open page shows it without a reload.
        var samRegion = samPage.Locator("#live-region");
        await Expect(samRegion.GetByText("the deadline moved again")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(samRegion.GetByRole(AriaRole.Heading, new() { Name = "Amal" })).ToBeVisibleAsync();
        await Expect(samRegion.GetByText("Showing: tired, overwhelmed")).ToBeVisibleAsync();
        await Expect(samRegion.GetByText("Underneath: lonely")).ToBeVisibleAsync();
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Sam's page was reloaded");
        await AssertAccessibleAsync(samPage);

        // A keeps the space's check-ins open too.
        await VisitAsync(amalPage, $"/spaces/{bond}/check-ins");
        await WaitUntilLiveAsync(amalPage);
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");
        await Expect(amalPage.GetByRole(AriaRole.Button, new() { Name = "Yes, that's it" })).ToHaveCountAsync(0);

        // B reflects.
        await samPage.GetByLabel("Reflect back to Amal").SelectOptionAsync(new SelectOptionValue { Label = "overwhelmed" });
        await samPage.GetByLabel("Anything you'd like to add? (optional)").FillAsync("that is a lot to carry");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Send reflection" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your reflection is on its way." })).ToBeVisibleAsync();
        await Expect(samPage.GetByText("You reflected: \"sounds like that left you feeling overwhelmed\"")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);

        // A's open page shows the reflection without a reload, and A marks it right.
        var amalRegion = amalPage.Locator("#live-region");
        await Expect(amalRegion.GetByText("Sam reflected: \"sounds like that left you feeling overwhelmed\""))
            .ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(amalRegion.GetByText("that is a lot to carry")).ToBeVisibleAsync();
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);
        await amalRegion.GetByRole(AriaRole.Button, new() { Name = "Yes, that's it" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "They'll see that they read you right." })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Marked: yes, that's it.")).ToBeVisibleAsync();
        await Expect(amalPage.GetByRole(AriaRole.Button, new() { Name = "Yes, that's it" })).ToHaveCountAsync(0);
        await Expect(amalPage.GetByText("Reflections that felt right: 1 of 1")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // And B, still on the same page, sees it marked too.
        await Expect(samPage.GetByText("Marked: yes, that's it.")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
    });

    [Fact]
    public Task Trends_ForAMonthOfSharedCheckIns_DrawsChartsWhoseTablesMatchWhatWasShared() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var today = await Server.InScopeAsync(null, sp => sp.GetRequiredService<PersonalDay>().TodayAsync(amal.Id));
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        // (day of the month, intensity, supported, surface feelings)
        (int Day, short Intensity, short Supported, string[] Feelings)[] amalDays =
        [
            (3, 2, 3, ["sad.tired"]),
            (10, 4, 4, ["joyful.hopeful", "joyful.grateful", "peaceful.calm"]),
            (17, 5, 5, ["scared.anxious"]),
        ];
        (int Day, short Intensity, short Supported, string[] Feelings)[] samDays =
        [
            (3, 1, 2, ["mad.irritated"]),
            (12, 3, 3, ["peaceful.content"]),
            (20, 4, 5, ["powerful.proud", "joyful.excited"]),
        ];
        await SeedAsync(bond, amal.Id, month, amalDays);
        await SeedAsync(bond, sam.Id, month, samDays);

        var page = await OpenPageAsAsync(amal);
        await VisitAsync(page, $"/spaces/{bond}/check-ins/trends?month={month:yyyy-MM}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("How things have felt");
        const string intensityCaption = "How strongly each of you felt it, day by day (1 is a little, 5 is very strongly)";
        const string supportedCaption = "How supported each of you felt in this space, day by day (1 is not at all, 5 is completely)";
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = intensityCaption })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = supportedCaption })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "What you showed each day" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "What Sam showed each day" })).ToBeVisibleAsync();
        Assert.Equal(4, await page.Locator("svg[role=img]").CountAsync());
        Assert.True(await page.Locator("svg[role=img] .chart__axis").First.IsVisibleAsync(), "the chart draws nothing");

        static string[] Scale(IReadOnlyList<string> words, short? value) =>
            [value is { } v ? $"{v} ({words[v - 1]})" : "—"];
        string[] intensityWords = ["a little", "somewhat", "quite a lot", "strongly", "very strongly"];
        string[] supportedWords = ["not at all", "a little", "somewhat", "well", "completely"];
        var days = amalDays.Select(d => d.Day).Union(samDays.Select(d => d.Day)).Order().ToList();

        foreach (var (caption, words, pick) in new (string, string[], Func<(int Day, short Intensity, short Supported, string[] Feelings), short>)[]
                 {
                     (intensityCaption, intensityWords, d => d.Intensity),
                     (supportedCaption, supportedWords, d => d.Supported),
                 })
        {
            var table = page.GetByRole(AriaRole.Table, new() { Name = caption });
            await Expect(table.Locator("thead th")).ToHaveTextAsync(["Day", "You", "Sam"]);
            var rows = table.Locator("tbody tr");
            await Expect(rows).ToHaveCountAsync(days.Count);
            for (var i = 0; i < days.Count; i++)
            {
                var day = days[i];
                var mine = amalDays.Where(d => d.Day == day).Select(d => (short?)pick(d)).SingleOrDefault();
                var theirs = samDays.Where(d => d.Day == day).Select(d => (short?)pick(d)).SingleOrDefault();
                await Expect(rows.Nth(i).Locator("th")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{day} "));
                await Expect(rows.Nth(i).Locator("td")).ToHaveTextAsync(
                    Scale(words, mine).Concat(Scale(words, theirs)).ToArray());
            }
        }

        // The families table for Amal (titled "You" on Amal's own page): how many feelings from each family on each day Amal shared.
        var families = page.GetByRole(AriaRole.Table, new() { Name = "What you showed each day: how many feelings from each family" });
        await Expect(families.Locator("thead th")).ToHaveTextAsync(["Day", "Mad", "Sad", "Scared", "Joyful", "Powerful", "Peaceful"]);
        await Expect(families.Locator("tbody tr")).ToHaveCountAsync(amalDays.Length);
        await Expect(families.Locator("tbody tr").Nth(1).Locator("td")).ToHaveTextAsync(["0", "0", "0", "2", "0", "1"]);
    });

    private Task SeedAsync(Guid bond, Guid personId, DateOnly month,
        IEnumerable<(int Day, short Intensity, short Supported, string[] Feelings)> days) =>
        Server.InScopeAsync(null, sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            foreach (var (day, intensity, supported, feelings) in days)
            {
                var date = month.AddDays(day - 1);
                var at = new DateTimeOffset(date.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero);
                var checkIn = new CheckIn
                {
                    Id = Guid.NewGuid(),
                    PersonId = personId,
                    LocalDate = date,
                    SurfaceFeelings = feelings,
                    Intensity = intensity,
                    CreatedAt = at,
                    UpdatedAt = at,
                };
                db.Set<CheckIn>().Add(checkIn);
                db.Set<CheckInShare>().Add(new CheckInShare
                {
                    CheckInId = checkIn.Id,
                    BondId = bond,
                    PersonId = personId,
                    LocalDate = date,
                    Supported = supported,
                    SharedAt = at,
                });
            }
            return Task.FromResult(0);
        });

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
}
