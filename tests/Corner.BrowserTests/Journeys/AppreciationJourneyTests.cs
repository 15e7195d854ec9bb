using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 4, items 4 and 5 end to end: an appreciation from one member arrives live on the other's open page,
/// and one member's "you have my back when you …" statements show on the other's space home.
/// </summary>
public sealed class AppreciationJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Appreciation_SentByOne_AppearsLiveOnTheOthersOpenPage() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        // A keeps their appreciations open, on a phone.
        var amalPage = await OpenPageAsAsync(amal, Viewport.Phone);
        await VisitAsync(amalPage, $"/spaces/{bond}/appreciations");
        await Expect(amalPage.Locator("#live-region")).ToContainTextAsync("Nothing here yet.");
        await AssertNoHorizontalScrollAsync(amalPage);
        await WaitUntilLiveAsync(amalPage);
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // B goes from the space home to writing one; stuck, B asks for another idea, then writes.
        var samPage = await OpenPageAsAsync(sam);
        await VisitAsync(samPage, $"/spaces/{bond}");
        await samPage.GetByRole(AriaRole.Link, new() { Name = "Tell Amal what you appreciate" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Say what you appreciate");
        await AssertAccessibleAsync(samPage);
        var words = samPage.GetByLabel("What would you like Amal to know?");
        await words.FillAsync("how you ");
        var firstPrompt = await samPage.Locator(".prompt__text").TextContentAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Another idea" }).ClickAsync();
        await Expect(samPage.Locator(".prompt__text")).Not.ToHaveTextAsync(firstPrompt!);
        await Expect(words).ToHaveValueAsync("how you ");
        await AssertAccessibleAsync(samPage);
        await samPage.GetByRole(AriaRole.Radio, new() { Name = "Something I admire in Amal" }).CheckAsync();
        await words.FillAsync("how you kept going all week 🌻");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Send to Amal" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sent. Amal will find it in their appreciations." })).ToBeVisibleAsync();
        await Expect(samPage.GetByText("You told Amal you admire…")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);

        // A's open page shows it without a reload, and the announcement names the sender only.
        var region = amalPage.Locator("#live-region");
        await Expect(region.GetByText("how you kept going all week 🌻")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(region.GetByText("Sam admires…")).ToBeVisibleAsync();
        await Expect(amalPage.Locator("#live-status")).ToHaveTextAsync("Sam sent you an appreciation.");
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);
    });

    [Fact]
    public Task BackingStatements_WrittenByOne_ShowOnTheOthersSpaceHome() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var amalPage = await OpenPageAsAsync(amal, Viewport.Phone);
        await VisitAsync(amalPage, $"/spaces/{bond}");
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Write what having your back looks like" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You have my back when…");
        await AssertAccessibleAsync(amalPage);
        var field = amalPage.GetByLabel("I know you have my back when you…");
        foreach (var statement in new[] { "stay with me when I'm sad, without fixing it", "ask what I really think", "speak up for me at work dinners" })
        {
            await field.FillAsync(statement);
            await amalPage.GetByRole(AriaRole.Button, new() { Name = "Add to my list" }).ClickAsync();
            await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added to your list." })).ToBeVisibleAsync();
        }
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);

        // Reorder and retire with the keyboard-reachable buttons.
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Move up \"speak up for me at work dinners\"" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Moved up." })).ToBeVisibleAsync();
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Retire \"ask what I really think\"" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "Retired" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        var samPage = await OpenPageAsAsync(sam);
        await VisitAsync(samPage, $"/spaces/{bond}");
        var section = samPage.GetByRole(AriaRole.Region, new() { Name = "Having Amal's back" });
        await Expect(section.GetByText("Amal feels you have their back when you:")).ToBeVisibleAsync();
        await Expect(section.Locator("li")).ToHaveTextAsync(["stay with me when I'm sad, without fixing it", "speak up for me at work dinners"]);
        await Expect(section).Not.ToContainTextAsync("ask what I really think");
    });

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
}
