using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 4 (partner map) end to end with two people: A answers about themselves, B guesses the same question,
/// A compares and marks it "close" with a note, and B's open page shows the result without a reload; then B
/// agrees to the trust screen and reads A's own answer. Every page is checked with axe.
/// </summary>
public sealed class PartnerMapJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private const string Question = "What is weighing on you most these days?";

    [Fact]
    public Task PartnerMap_WhenAAnswersBGuessesAndACompares_BSeesTheResultLive() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        // A finds the map from the space home and answers a question about themselves.
        var amalPage = await OpenPageAsAsync(amal);
        await VisitAsync(amalPage, $"/spaces/{bond}");
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "Partner map" })).ToBeVisibleAsync();
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Open the map" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "Partner map", Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByRole(AriaRole.Link, new() { Name = Question }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = Question, Level = 1 })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByRole(AriaRole.Textbox, new() { Name = "Your answer, in your own words" }).FillAsync("The move, and my dad's health");
        await Expect(amalPage.GetByRole(AriaRole.Checkbox, new() { Name = "Share with Sam" })).ToBeCheckedAsync();
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save my answer" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your answer is saved." })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Sam can see this.", new() { Exact = false })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // B, on a phone, guesses the same question.
        var samPage = await OpenPageAsAsync(sam, Viewport.Phone);
        await VisitAsync(samPage, $"/spaces/{bond}/map/question?q=stress.1");
        await samPage.GetByLabel("How do you think Amal would answer?").FillAsync("Work, probably the deadlines");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save my guess" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your guess is saved." })).ToBeVisibleAsync();
        await Expect(samPage.GetByText("Amal hasn't compared it yet.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);
        await Expect(samPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
        await samPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // A sees the guess waiting, compares it and marks it "close" with a note.
        await VisitAsync(amalPage, $"/spaces/{bond}");
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Sam guessed how you'd answer a question. See how close they came." }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "Sam's guess about you" })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Work, probably the deadlines")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        var compare = amalPage.GetByRole(AriaRole.Group, new() { Name = "How close did Sam come?" });
        await compare.GetByLabel("Close", new() { Exact = true }).CheckAsync();
        await amalPage.GetByLabel("Anything you'd add? (optional)").FillAsync("Work too, but mostly Dad");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save comparison" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sam will see how close they came." })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("You marked it close.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // B's open page shows the result without a reload.
        var samRegion = samPage.Locator("#live-region");
        await Expect(samRegion.GetByText("Amal says you were close.")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(samRegion.GetByText("Work too, but mostly Dad")).ToBeVisibleAsync();
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Sam's page was reloaded");
        await AssertAccessibleAsync(samPage);

        // B agrees to the trust screen once, then reads A's own answer.
        await samRegion.GetByRole(AriaRole.Link, new() { Name = "Read it first" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Heading, new() { Name = "Before you read Amal's answers" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await samPage.GetByRole(AriaRole.Checkbox, new() { Name = "I'll use what I learn to support Amal, never as ammunition." }).CheckAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "I agree" }).ClickAsync();
        await Expect(samPage.GetByText("The move, and my dad's health")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);

        // B's view of the map describes what they have explored together.
        await VisitAsync(samPage, $"/spaces/{bond}/map?view=them");
        await Expect(samPage.Locator("#area-stress").GetByText("Compared so far: 0 spot on, 1 close, 0 not quite", new() { Exact = false })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(samPage);
    });
}
