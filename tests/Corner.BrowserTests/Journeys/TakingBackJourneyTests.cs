using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>Issue 14, item 3: taking back what you shared, on a phone, while the other person has the page open.</summary>
public sealed class TakingBackJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Appreciation_TakenBackByItsAuthor_VanishesFromTheOthersOpenPageWithoutReload() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var samPage = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(samPage, $"/spaces/{bond}/appreciations/new");
        await samPage.GetByLabel("What would you like Amal to know?").FillAsync("how you sang in the car on the way back");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Send to Amal" }).ClickAsync();
        await Expect(samPage.GetByText("You told Amal you appreciate…")).ToBeVisibleAsync();

        // Amal has her appreciations open on her phone.
        var amalPage = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        await VisitAsync(amalPage, $"/spaces/{bond}/appreciations");
        var region = amalPage.Locator("#live-region");
        await Expect(region).ToContainTextAsync("how you sang in the car on the way back");
        await Expect(amalPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // Sam takes it back: a first tap opens the warning, a second confirms.
        var note = samPage.Locator(".appreciation").Filter(new() { HasText = "how you sang in the car" });
        await note.Locator("summary").ClickAsync();
        await Expect(note.GetByText("Amal won't see this any more. This can't be undone.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);
        await SaveScreenshotAsync(samPage, "take-back-appreciation-390");
        await note.GetByRole(AriaRole.Button, new() { Name = "Yes, take it back" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Taken back." })).ToBeVisibleAsync();
        await Expect(samPage.Locator("main")).Not.ToContainTextAsync("how you sang in the car");
        await AssertAccessibleAsync(samPage);
        await SaveScreenshotAsync(samPage, "take-back-appreciation-done-390");

        // Amal's open page lets it go without a reload.
        await Expect(region).Not.ToContainTextAsync("how you sang in the car", new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(region).ToContainTextAsync("Nothing here yet.");
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);
        await SaveScreenshotAsync(amalPage, "take-back-appreciation-other-390");
    });

    [Fact]
    public Task CheckInAndBackingStatement_OfferTakingBack_OnAPhone() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var page = await OpenPageAsAsync(sam, Viewport.TouchPhone);

        await VisitAsync(page, "/check-in");
        var showing = page.Locator("fieldset.feelings").First;
        await showing.GetByText("Joyful", new() { Exact = true }).ClickAsync();
        await showing.GetByLabel("hopeful", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("quite a lot", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Share with Amal in \"Amal and Sam\"" }).CheckAsync();
        await page.Locator("#Note").FillAsync("a good walk by the river");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my check-in" }).ClickAsync();
        await VisitAsync(page, $"/spaces/{bond}/check-ins");
        await page.Locator("details.take-back summary").First.ClickAsync();
        await Expect(page.GetByText("Amal won't see this check-in any more")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, "take-back-check-in-390");

        await VisitAsync(page, $"/spaces/{bond}/backing");
        await page.GetByLabel("I know you have my back when you…").FillAsync("ask what I really think");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to my list" }).ClickAsync();
        await page.Locator(".backing details.take-back summary").First.ClickAsync();
        await Expect(page.Locator(".backing").GetByText("Amal won't see this any more. This can't be undone.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, "take-back-backing-390");
    });

    [Fact]
    public Task Moment_TakenBackByTheSupporter_LeavesTheOthersOpenTimelineWithoutReload() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var samPage = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(samPage, $"/spaces/{bond}/moments/new");
        await samPage.GetByLabel("What was the situation?").FillAsync("The school gate on Monday");
        await samPage.GetByLabel("What did you do then and there?").FillAsync("I held your coffee and stayed");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save and ask how it was" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Amal will be asked whether it helped." })).ToBeVisibleAsync();

        var amalPage = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        await VisitAsync(amalPage, $"/spaces/{bond}/moments");
        var region = amalPage.Locator("#live-region");
        await Expect(region).ToContainTextAsync("The school gate on Monday");
        await Expect(amalPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        await samPage.Locator("details.take-back summary").ClickAsync();
        await Expect(samPage.GetByText("Amal won't see this moment any more")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);
        await SaveScreenshotAsync(samPage, "take-back-moment-390");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Yes, take it back" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Taken back." })).ToBeVisibleAsync();
        await Expect(samPage.Locator("main")).Not.ToContainTextAsync("The school gate on Monday");
        await AssertAccessibleAsync(samPage);
        await SaveScreenshotAsync(samPage, "take-back-moment-done-390");

        await Expect(region).Not.ToContainTextAsync("The school gate on Monday", new() { Timeout = (float)Live.TotalMilliseconds });
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);
    });

    [Fact]
    public Task MapAnswer_TakenBackByItsWriter_LeavesTheOthersOpenQuestionWithoutReload() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var question = $"/spaces/{bond}/map/question?q=stress.1";

        var samPage = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(samPage, question);
        await samPage.GetByRole(AriaRole.Textbox, new() { Name = "Your answer, in your own words" }).FillAsync("Mornings before a big meeting");
        await samPage.GetByRole(AriaRole.Checkbox, new() { Name = "Share with Amal" }).CheckAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save my answer" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your answer is saved." })).ToBeVisibleAsync();

        var amalPage = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        await VisitAsync(amalPage, $"/spaces/{bond}/map/trust");
        await amalPage.GetByRole(AriaRole.Checkbox, new() { Name = "I'll use what I learn to support Sam, never as ammunition." }).CheckAsync();
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await VisitAsync(amalPage, question);
        var region = amalPage.Locator("#live-region");
        await Expect(region).ToContainTextAsync("Mornings before a big meeting");
        await Expect(amalPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        await samPage.GetByRole(AriaRole.Group).Filter(new() { HasText = "Take back" }).Locator("summary").ClickAsync();
        await Expect(samPage.GetByText("Amal won't see your answer any more")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);
        await SaveScreenshotAsync(samPage, "take-back-map-answer-390");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Yes, take it back" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Taken back." })).ToBeVisibleAsync();
        await Expect(samPage.GetByRole(AriaRole.Textbox, new() { Name = "Your answer, in your own words" })).ToHaveValueAsync("");
        await AssertAccessibleAsync(samPage);
        await SaveScreenshotAsync(samPage, "take-back-map-answer-done-390");

        await Expect(region).Not.ToContainTextAsync("Mornings before a big meeting", new() { Timeout = (float)Live.TotalMilliseconds });
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);
    });
}
