using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 6, items 3 and 4 end to end: both confirm the reconnection plan, one changes it and the other is asked
/// again (live); one sends a 20-minute pause and it reaches the other's open page as a countdown without a
/// reload; when the server's clock says the time is up, both are asked whether they are ready to come back.
/// </summary>
public sealed class ReconnectionJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 5000 };

    [Fact]
    public Task Plan_ConfirmedByBothThenChanged_AsksAgain_AndAPauseReachesTheOtherLiveUntilBothAreAskedToComeBack() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        // Amal starts the plan.
        var amalPage = await OpenPageAsAsync(amal);
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
        var samPage = await OpenPageAsAsync(sam, Viewport.Phone);
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

        await Expect(samPage.GetByText("Amal changed the plan (now version 2).", new() { Exact = false })).ToBeVisibleAsync(Live);
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
        await Expect(samPanel.GetByRole(AriaRole.Heading, new() { Name = "Amal needs a pause and will come back" })).ToBeVisibleAsync(Live);
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
        await Expect(samPanel.GetByText("The time is up. Ready to come back?")).ToBeVisibleAsync(Live);
        Assert.True(await samPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Sam's page was reloaded");
        await AssertAccessibleAsync(samPage);
        await VisitAsync(amalPage, $"/spaces/{bond}/pause");
        await Expect(amalPage.GetByText("The time is up. Ready to come back?")).ToBeVisibleAsync();

        // Amal is ready; Sam sees it live and is ready too.
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "I'm ready" }).ClickAsync();
        await Expect(amalPage.GetByText("You said you're ready. Sam will see it.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await Expect(samPanel.GetByText("Amal is ready when you are.")).ToBeVisibleAsync(Live);
        await samPanel.GetByRole(AriaRole.Button, new() { Name = "I'm ready" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "You're both ready. Welcome back." })).ToBeVisibleAsync();
        await Expect(samPage.Locator(".pause-panel")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(samPage);
        await Expect(amalPage.Locator(".pause-panel")).ToHaveCountAsync(0, new() { Timeout = 5000 });
    });

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
}
