using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Live;

/// <summary>Two people side by side: what one does shows up on the other's open page, without a reload.</summary>
public sealed class LiveUpdatesTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task CheckIn_ByOneMember_AppearsOnTheOthersOpenCheckInsPageWithoutReload() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var samPage = await OpenPageAsAsync(sam);
        await VisitAsync(samPage, $"/spaces/{bond}/check-ins");
        await WaitUntilLiveAsync(samPage);
        await samPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        await CheckInAsync(await OpenPageAsAsync(amal), "Sam", "Amal and Sam", "the long shift is over");

        var region = samPage.Locator("#live-region");
        await Expect(region).ToContainTextAsync("the long shift is over");
        await Expect(region.GetByRole(AriaRole.Heading, new() { Name = "Amal" })).ToBeVisibleAsync();
        await Expect(samPage.Locator("#live-status")).ToHaveTextAsync("Amal checked in");
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page was reloaded");
        // Opened live, so nothing is left "new" for Sam.
        await Expect(samPage.Locator("[data-live-total]")).ToBeHiddenAsync();
        await AssertAccessibleAsync(samPage);
    });

    [Fact]
    public Task CheckIn_ByOneMember_ShowsAsNewInTheOthersNavigationWithoutReload() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var samPage = await OpenPageAsAsync(sam);
        await VisitAsync(samPage, "/");
        await WaitUntilLiveAsync(samPage);
        await Expect(samPage.Locator("[data-live-total]")).ToBeHiddenAsync();

        await CheckInAsync(await OpenPageAsAsync(amal), "Sam", "Amal and Sam", "a quiet evening");

        var navigation = samPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(navigation.Locator("[data-live-total]")).ToHaveTextAsync("1 new");
        await Expect(navigation.Locator("[data-live-total]")).ToBeVisibleAsync();
        await navigation.Locator(".switcher summary").ClickAsync();
        var spaceNew = navigation.GetByRole(AriaRole.Link, new() { Name = "1 new in Amal and Sam" });
        await Expect(spaceNew).ToHaveAttributeAsync("href", $"/spaces/{bond}/check-ins");
        await AssertAccessibleAsync(samPage);

        await spaceNew.ClickAsync();
        await Expect(samPage.Locator("#live-region")).ToContainTextAsync("a quiet evening");
        await Expect(samPage.Locator("[data-live-total]")).ToBeHiddenAsync();
    });

    [Fact]
    public Task News_WhileTheOtherIsTypingAReflection_WaitsUntilTheyAskForIt() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var amalPage = await OpenPageAsAsync(amal);
        await CheckInAsync(amalPage, "Sam", "Amal and Sam", "first thoughts");
        var samPage = await OpenPageAsAsync(sam);
        await VisitAsync(samPage, $"/spaces/{bond}/check-ins");
        await WaitUntilLiveAsync(samPage);
        var words = samPage.GetByLabel("Anything you'd like to add? (optional)");
        await words.FillAsync("that sounds like a lot");

        await CheckInAsync(amalPage, "Sam", "Amal and Sam", "second thoughts", update: true);

        var pending = samPage.Locator(".live-pending");
        await Expect(pending).ToContainTextAsync("Something new has arrived.");
        await Expect(words).ToHaveValueAsync("that sounds like a lot");
        await Expect(samPage.Locator("#live-region")).ToContainTextAsync("first thoughts");
        await AssertAccessibleAsync(samPage);

        await pending.GetByRole(AriaRole.Button, new() { Name = "Show it" }).ClickAsync();

        await Expect(samPage.Locator("#live-region")).ToContainTextAsync("second thoughts");
        await Expect(pending).ToHaveCountAsync(0);
    });

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");

    /// <summary>Checks in through the real /check-in page, shared with <paramref name="other"/> in <paramref name="space"/>.</summary>
    private async Task CheckInAsync(IPage page, string other, string space, string note, bool update = false)
    {
        await VisitAsync(page, "/check-in");
        if (!update)
        {
            var showing = page.Locator("fieldset.feelings").First;
            await showing.GetByText("Joyful", new() { Exact = true }).ClickAsync();
            await showing.GetByLabel("hopeful", new() { Exact = true }).CheckAsync();
            await page.GetByLabel("quite a lot", new() { Exact = true }).CheckAsync();
            await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Share with {other} in \"{space}\"" }).CheckAsync();
        }
        await page.Locator("#Note").FillAsync(note);
        await page.GetByRole(AriaRole.Button, new() { Name = update ? "Update my check-in" : "Save my check-in" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToBeVisibleAsync();
    }
}
