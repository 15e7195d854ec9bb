using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 4 end to end with two people, Amal (A) and Sam (B): A answers a partner-map question about
/// themselves, B guesses it, A compares and marks it "close" with a note and B's open page shows the result
/// live; B agrees to the trust screen and reads A's answer; B sends an appreciation that arrives live on A's
/// open page; A's "you have my back when…" statements show on B's space home. Axe checks every page.
/// </summary>
public sealed class KnowingEachOtherJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private const string Question = "What is weighing on you most these days?";

    [Fact]
    public Task KnowingEachOther_MapAppreciationAndBacking_WorkForBothPeopleLive() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        // 1. The partner map. A finds the map from the space home and answers a question about themselves.
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
        // Private by default: sharing is a choice the person makes.
        var share = amalPage.GetByRole(AriaRole.Checkbox, new() { Name = "Share with Sam" });
        await Expect(share).Not.ToBeCheckedAsync();
        await share.CheckAsync();
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

        // 2. Appreciations. A keeps their appreciations open, on a phone.
        amalPage = await OpenPageAsAsync(amal, Viewport.Phone);
        await VisitAsync(amalPage, $"/spaces/{bond}/appreciations");
        await Expect(amalPage.Locator("#live-region")).ToContainTextAsync("Nothing here yet.");
        await AssertNoHorizontalScrollAsync(amalPage);
        await WaitUntilLiveAsync(amalPage);
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // B goes from the space home to writing one; stuck, B asks for another idea, then writes.
        samPage = await OpenPageAsAsync(sam);
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
        var appreciationsRegion = amalPage.Locator("#live-region");
        await Expect(appreciationsRegion.GetByText("how you kept going all week 🌻")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(appreciationsRegion.GetByText("Sam admires…")).ToBeVisibleAsync();
        await Expect(amalPage.Locator("#live-status")).ToHaveTextAsync("Sam sent you an appreciation.");
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);

        // 3. "You have my back when…": A writes statements; they show on B's space home.
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

        await VisitAsync(samPage, $"/spaces/{bond}");
        var section = samPage.GetByRole(AriaRole.Region, new() { Name = "Having Amal's back" });
        await Expect(section.GetByText("Amal feels you have their back when you:")).ToBeVisibleAsync();
        await Expect(section.Locator("li")).ToHaveTextAsync(["stay with me when I'm sad, without fixing it", "speak up for me at work dinners"]);
        await Expect(section).Not.ToContainTextAsync("ask what I really think");
    });

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
}
