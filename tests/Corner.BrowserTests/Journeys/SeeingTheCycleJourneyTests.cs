using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 6 end to end with two people, Amal and Sam: both draft and share their halves of the cycle and the
/// loop appears with each person's words in their own half (drawn and in words); a time the cycle showed up is
/// noted; both confirm the reconnection plan, Amal changes it and Sam is asked again, live; Amal sends a
/// 20-minute pause that reaches Sam's open page as a calm countdown; when the (injected) clock says the time is
/// up, both are asked whether they are ready to come back. Axe checks every page.
/// </summary>
public sealed class SeeingTheCycleJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);
    private static readonly LocatorAssertionsToBeVisibleOptions LiveOptions = new() { Timeout = 5000 };

    [Fact]
    public Task SeeingTheCycle_HalvesLoopPlanAndPause_WorkForBothPeopleLive() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        // 1. The cycle map. A starts from the space's home and drafts their half.
        var amalPage = await OpenPageAsAsync(amal);
        await VisitAsync(amalPage, $"/spaces/{bond}");
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Open the cycle map" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Our cycle");
        await AssertAccessibleAsync(amalPage);
        await VisitAsync(amalPage, $"/spaces/{bond}/cycle/my-half");
        await amalPage.GetByLabel("When does it start for you?").FillAsync("plans change at the last minute");
        await amalPage.GetByRole(AriaRole.Group, new() { Name = "Moving towards: fight or pursue" })
            .GetByLabel("chase for an answer").CheckAsync();
        await amalPage.GetByLabel("In my own words (optional)").FillAsync("I text again and again");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved as a draft. Only you can see it." })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // B, on a phone, keeps the cycle map open: A's draft is nowhere on it.
        var samPage = await OpenPageAsAsync(sam, Viewport.Phone);
        await VisitAsync(samPage, $"/spaces/{bond}/cycle");
        await Expect(samPage.GetByText("The loop appears here once you've both shared your halves.")).ToBeVisibleAsync();
        await Expect(samPage.GetByText("plans change at the last minute")).ToHaveCountAsync(0);
        await Expect(samPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");

        // A shares; B's open page shows A's half without a reload, still without a loop.
        await VisitAsync(amalPage, $"/spaces/{bond}/cycle/my-half");
        await amalPage.GetByLabel("What's going on inside, under that?").FillAsync("scared that I don't matter");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save and share with Sam" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your half is shared with Sam." })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await Expect(samPage.Locator("#live-region article[data-half=theirs]").GetByText("plans change at the last minute"))
            .ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(samPage.Locator("svg.cycle-loop__svg")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(samPage);

        // B drafts, then shares theirs.
        await VisitAsync(samPage, $"/spaces/{bond}/cycle/my-half");
        await samPage.GetByLabel("When does it start for you?").FillAsync("a raised voice");
        var away = samPage.GetByRole(AriaRole.Group, new() { Name = "Moving away: flight or withdraw" });
        await away.GetByLabel("go quiet").CheckAsync();
        await away.GetByLabel("leave the room").CheckAsync();
        await samPage.GetByLabel("Anything you'd like Amal to understand about this?").FillAsync("I always come back");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save as a draft" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved as a draft." })).ToBeVisibleAsync();
        await VisitAsync(samPage, $"/spaces/{bond}/cycle/my-half");
        await Expect(samPage.GetByLabel("When does it start for you?")).ToHaveValueAsync("a raised voice");
        await VisitAsync(amalPage, $"/spaces/{bond}/cycle");
        await Expect(amalPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save and share with Amal" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your half is shared with Amal." })).ToBeVisibleAsync();

        // The loop, on B's phone: B's words in B's half, A's in A's, in the drawing and in words.
        var loop = samPage.GetByRole(AriaRole.Img, new() { Name = "Your cycle, drawn as one loop" });
        await Expect(loop).ToBeVisibleAsync();
        await Expect(loop.Locator("[data-half=mine] [data-part=trigger]")).ToContainTextAsync("a raised voice");
        await Expect(loop.Locator("[data-half=mine] [data-part=reaction]")).ToContainTextAsync("go quiet, leave the room");
        await Expect(loop.Locator("[data-half=theirs] [data-part=trigger]")).ToContainTextAsync("plans change at the last minute");
        await Expect(loop.Locator("[data-half=theirs] [data-part=reaction]")).ToContainTextAsync("chase for an answer");
        await Expect(loop.Locator("[data-half=theirs]")).Not.ToContainTextAsync("a raised voice");
        await Expect(loop.Locator("[data-half=mine]")).Not.ToContainTextAsync("plans change");
        var samWords = samPage.GetByRole(AriaRole.Article, new() { Name = "Your half" });
        var amalWords = samPage.GetByRole(AriaRole.Article, new() { Name = "Amal's half" });
        await Expect(samWords).ToContainTextAsync("a raised voice");
        await Expect(samWords).ToContainTextAsync("I always come back");
        await Expect(amalWords).ToContainTextAsync("plans change at the last minute");
        await Expect(amalWords).ToContainTextAsync("I text again and again");
        await Expect(amalWords).ToContainTextAsync("scared that I don't matter");
        await Expect(amalWords).Not.ToContainTextAsync("a raised voice");
        await Expect(samPage.GetByText("Neither of you is the problem.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);

        // A's open page draws the loop without a reload, from A's side.
        var amalLoop = amalPage.GetByRole(AriaRole.Img, new() { Name = "Your cycle, drawn as one loop" });
        await Expect(amalLoop).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(amalLoop.Locator("[data-half=mine] [data-part=trigger]")).ToContainTextAsync("plans change at the last minute");
        await Expect(amalLoop.Locator("[data-half=theirs] [data-part=trigger]")).ToContainTextAsync("a raised voice");
        await Expect(amalPage.GetByRole(AriaRole.Article, new() { Name = "Sam's half" })).ToContainTextAsync("I always come back");
        await AssertAccessibleAsync(amalPage);

        // A notes a time the cycle showed up; both see it in the picture over time.
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Note a time it happened" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Note a time the cycle showed up");
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByLabel("One of us pushed or pursued").CheckAsync();
        await amalPage.GetByLabel("One of us went quiet or pulled away").CheckAsync();
        await amalPage.GetByRole(AriaRole.Radio, new() { Name = "the same day" }).CheckAsync();
        await amalPage.GetByLabel("Anything you'd like to add? (optional)").FillAsync("we caught it halfway through");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Note it" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Noted. Sam can see it too." })).ToBeVisibleAsync();
        await Expect(amalPage.GetByRole(AriaRole.Img, new() { Name = "Times the cycle showed up each month, by how soon you found your way back" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        await VisitAsync(samPage, $"/spaces/{bond}/cycle/times");
        var table = samPage.GetByRole(AriaRole.Table, new() { Name = "Times the cycle showed up each month, by how soon you found your way back" });
        await Expect(table.Locator("tbody tr").Last.Locator("td")).ToHaveTextAsync(["1", "0", "1", "0", "0", "0"]);
        await Expect(samPage.GetByText("we caught it halfway through")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(samPage);
        await VisitAsync(samPage, $"/spaces/{bond}");

        // 2. The reconnection plan, then the pause. Amal starts the plan.
        await VisitAsync(amalPage, $"/spaces/{bond}/reconnect");
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "No plan yet" })).ToBeVisibleAsync();
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Start our plan" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Start our plan");
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByLabel("Our sign that the cycle is starting").FillAsync("Our voices get louder, or one of us goes quiet");
        await amalPage.GetByLabel("What each of us does to pause").FillAsync("Amal walks round the block; Sam makes tea");
        await amalPage.GetByLabel("How and when we come back").FillAsync("When the time is up, we sit together in the kitchen");
        await amalPage.GetByLabel("A repair phrase we both accept").FillAsync("We're on the same side");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "The plan is saved. Sam will be asked to confirm it." })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Waiting for Sam to confirm it too.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // Sam, on a phone, reads it and confirms.
        await VisitAsync(samPage, $"/spaces/{bond}/reconnect");
        await Expect(samPage.GetByText("Amal changed the plan (now version 1).", new() { Exact = false })).ToBeVisibleAsync();
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Version 1 works for me" }).ClickAsync();
        await Expect(samPage.GetByText("You've both agreed to version 1.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);
        await VisitAsync(amalPage, $"/spaces/{bond}/reconnect");
        await Expect(amalPage.GetByText("You've both agreed to version 1.")).ToBeVisibleAsync();

        // Sam keeps the plan open; Amal changes the repair phrase, and Sam is asked to confirm again, live.
        await WaitUntilLiveAsync(samPage);
        await samPage.EvaluateAsync("() => { window.__sameDocument = true; }");
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Change the plan" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Change our plan");
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByLabel("A repair phrase we both accept").FillAsync("Let's start again, slowly");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Save the plan" }).ClickAsync();
        await Expect(amalPage.GetByText("Version 2: you changed the repair phrase.")).ToBeVisibleAsync();

        await Expect(samPage.GetByText("Amal changed the plan (now version 2).", new() { Exact = false })).ToBeVisibleAsync(LiveOptions);
        await Expect(samPage.GetByText("Let's start again, slowly")).ToBeVisibleAsync();
        await Expect(samPage.GetByText("Version 2: Amal changed the repair phrase.")).ToBeVisibleAsync();
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Sam's page was reloaded");
        await AssertAccessibleAsync(samPage);
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Version 2 works for me" }).ClickAsync();
        await Expect(samPage.GetByText("You've both agreed to version 2.")).ToBeVisibleAsync();

        // Sam opens the space's home, with a browser clock this test can move on.
        await samPage.Clock.InstallAsync();
        await VisitAsync(samPage, $"/spaces/{bond}");
        await Expect(samPage.GetByText("You both agreed to your reconnection plan (version 2).")).ToBeVisibleAsync();
        await WaitUntilLiveAsync(samPage);
        await samPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // Amal sends a 20-minute pause.
        await VisitAsync(amalPage, $"/spaces/{bond}/pause");
        await Expect(amalPage.GetByRole(AriaRole.Radio, new() { Name = "20 minutes" })).ToBeCheckedAsync();
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "I'm flooded and need a pause. I'll come back." }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "You're taking a pause" })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("About 20 minutes to go")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);

        // Sam's open page shows the calm countdown, with the plan's steps beside it, without a reload.
        var samPanel = samPage.Locator(".pause-panel");
        await Expect(samPanel.GetByRole(AriaRole.Heading, new() { Name = "Amal needs a pause and will come back" })).ToBeVisibleAsync(LiveOptions);
        await Expect(samPanel.GetByText("About 20 minutes to go")).ToBeVisibleAsync();
        await Expect(samPanel.GetByText("Amal walks round the block; Sam makes tea")).ToBeVisibleAsync();
        await Expect(samPanel.GetByText("Let's start again, slowly")).ToBeVisibleAsync();
        await Expect(samPage.Locator("#live-status")).ToHaveTextAsync("Amal needs a pause and will come back.");
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Sam's page was reloaded");
        await Expect(samPage.GetByRole(AriaRole.Link, new() { Name = "I need a pause" })).ToBeHiddenAsync();
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);

        // Twenty minutes later (the server's clock, and Sam's browser's): both are asked, gently.
        Server.Clock.Advance(TimeSpan.FromMinutes(20));
        await samPage.Clock.FastForwardAsync("20:01");
        await Expect(samPanel.GetByText("The time is up. Ready to come back?")).ToBeVisibleAsync(LiveOptions);
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Sam's page was reloaded");
        await AssertAccessibleAsync(samPage);
        await VisitAsync(amalPage, $"/spaces/{bond}/pause");
        await Expect(amalPage.GetByText("The time is up. Ready to come back?")).ToBeVisibleAsync();

        // The server's clock jumped twenty minutes, so live streams opened before the jump count as past their
        // lifetime and are closed at the next heartbeat (the browser reconnects and catches up). So that the next
        // step does not race that, Sam opens the space's home afresh: the question is there, from the server.
        await VisitAsync(samPage, $"/spaces/{bond}");
        await Expect(samPanel.GetByText("The time is up. Ready to come back?")).ToBeVisibleAsync();
        await WaitUntilLiveAsync(samPage);

        // Amal is ready; Sam sees it live and is ready too.
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "I'm ready" }).ClickAsync();
        await Expect(amalPage.GetByText("You said you're ready. Sam will see it.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await Expect(samPanel.GetByText("Amal is ready when you are.")).ToBeVisibleAsync(LiveOptions);
        await samPanel.GetByRole(AriaRole.Button, new() { Name = "I'm ready" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "You're both ready. Welcome back." })).ToBeVisibleAsync();
        await Expect(samPage.Locator(".pause-panel")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(samPage);
        await Expect(amalPage.Locator(".pause-panel")).ToHaveCountAsync(0, new() { Timeout = 5000 });
    });

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
}
