using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Phone;

/// <summary>
/// Issue 15 on a 390 × 844 touch screen: the space home leads with a live pause, the header is one row,
/// a check-in can be made by tapping alone, and every main page passes axe in light and in dark colours.
/// Screenshots land in .local/test-results/screenshots/ as artefacts to look at.
/// </summary>
public sealed class PhoneTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 5000 };

    [Fact]
    public Task Pause_WhenTheOtherSendsOne_ArrivesAtTheTopOfTheirOpenSpaceHome() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var samPage = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(samPage, $"/spaces/{bond}");
        await Expect(samPage.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");

        var amalPage = await OpenPageAsAsync(amal);
        await VisitAsync(amalPage, $"/spaces/{bond}/pause");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "I'm flooded and need a pause. I'll come back." }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "You're taking a pause" })).ToBeVisibleAsync();

        var panel = samPage.Locator(".pause-panel");
        await Expect(panel.GetByRole(AriaRole.Heading, new() { Name = "Amal needs a pause and will come back" })).ToBeVisibleAsync(Live);
        await Expect(panel.GetByText("About 20 minutes to go")).ToBeVisibleAsync();
        // At the top: above everything else the space home holds, and on the first screen without scrolling.
        var box = await panel.BoundingBoxAsync() ?? throw new InvalidOperationException("The pause has no box");
        var waiting = await samPage.Locator(".waiting").BoundingBoxAsync() ?? throw new InvalidOperationException("No waiting list");
        Assert.True(box.Y < waiting.Y, $"The pause ({box.Y}px) is below what waits for Sam ({waiting.Y}px)");
        Assert.True(box.Y + 120 < 844, $"The pause starts {box.Y}px down: not on the first screen of a phone");
        await Expect(samPage.Locator(".space-now > *").First).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("pause-panel"));
        await AssertAccessibleAsync(samPage);
        await SaveScreenshotAsync(samPage, "pause-390", fullPage: false);
    });

    [Fact]
    public Task Header_OnAPhone_IsOneRowWithAWholeSpaceNameAMenuAndBottomNavigation() => RunAsync(async () =>
    {
        var robin = await CreatePersonAsync("Robin");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Robin and Sam, every single day", robin, sam);
        var page = await OpenPageAsAsync(robin, Viewport.TouchPhone);
        await VisitAsync(page, $"/spaces/{bond}");

        var header = await page.Locator(".site-header__inner").BoundingBoxAsync() ?? throw new InvalidOperationException("No header");
        var parts = new[] { ".brand", ".switcher summary", ".menu summary" };
        var boxes = new List<LocatorBoundingBoxResult>();
        foreach (var part in parts)
            boxes.Add(await page.Locator(part).BoundingBoxAsync() ?? throw new InvalidOperationException($"{part} has no box"));
        Assert.True(header.Height <= 72, $"The header is {header.Height}px tall: more than one row");
        var middles = boxes.Select(b => b.Y + b.Height / 2).ToList();
        Assert.True(middles.Max() - middles.Min() < 12, $"The header's parts are not on one row: middles at {string.Join(", ", middles)}");
        Assert.True(boxes[0].X + boxes[0].Width <= boxes[1].X && boxes[1].X + boxes[1].Width <= boxes[2].X, "The header's parts overlap");
        // The space's name wraps at spaces and is never cut sideways inside a word.
        var name = page.Locator(".switcher__name");
        Assert.True(await name.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "The space name is cut sideways");
        await AssertNoHorizontalScrollAsync(page);

        // One menu holds the account and signing out; it opens with a tap (a <details>, no script needed).
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(navigation.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeHiddenAsync();
        await page.Locator(".menu summary").TapAsync();
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Account" })).ToBeVisibleAsync();
        await Expect(navigation.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.Locator(".menu summary").TapAsync();

        // Bottom navigation: five places, in the last row of the screen.
        var places = page.GetByRole(AriaRole.Navigation, new() { Name = "Places" });
        await Expect(places.Locator(":scope > ul > li")).ToHaveCountAsync(5);
        await Expect(places.GetByRole(AriaRole.Link, new() { Name = "Space", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        var bottom = await places.BoundingBoxAsync() ?? throw new InvalidOperationException("No bottom navigation");
        Assert.True(bottom.Y + bottom.Height >= 843 && bottom.Height < 100, $"The bottom navigation is at {bottom.Y}+{bottom.Height}");
        await places.GetByRole(AriaRole.Link, new() { Name = "Moments" }).TapAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/spaces/{bond}/moments$"));
        await Expect(places.GetByRole(AriaRole.Link, new() { Name = "Moments" })).ToHaveAttributeAsync("aria-current", "page");
    });

    [Fact]
    public Task CheckIn_ByTappingOnly_IsSavedAndShowsOnBothSpaceHomes() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var page = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        await VisitAsync(page, $"/spaces/{bond}");
        await Expect(page.Locator("[data-today=mine]")).ToContainTextAsync("Not checked in yet today.");
        await page.Locator("[data-today=mine]").GetByRole(AriaRole.Link, new() { Name = "Check in today" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        var showing = page.GetByRole(AriaRole.Group, new() { Name = "What I'm showing" });
        var sad = showing.Locator("details", new() { Has = page.GetByText("Sad", new() { Exact = true }) });
        await Expect(showing.GetByLabel("tired", new() { Exact = true })).ToBeHiddenAsync();
        await showing.GetByText("Sad", new() { Exact = true }).TapAsync();
        // The family's words open in place, as chips.
        await Expect(sad).ToHaveAttributeAsync("open", "");
        await showing.GetByLabel("tired", new() { Exact = true }).TapAsync();
        await Expect(showing.GetByLabel("tired", new() { Exact = true })).ToBeCheckedAsync();
        await SaveScreenshotAsync(page, "check-in-390");
        var underneath = page.GetByRole(AriaRole.Group, new() { Name = "What's underneath" });
        await underneath.GetByText("Sad", new() { Exact = true }).TapAsync();
        await underneath.GetByLabel("lonely", new() { Exact = true }).TapAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "strongly", Exact = true }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "strongly", Exact = true })).ToBeCheckedAsync();
        var share = page.GetByRole(AriaRole.Checkbox, new() { Name = "Share with Sam in \"Amal and Sam\"" });
        await Expect(share).ToBeCheckedAsync(); // shared by default: nothing to tap
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my check-in" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Thank you for checking in." })).ToBeVisibleAsync();

        await VisitAsync(page, $"/spaces/{bond}");
        await Expect(page.Locator("[data-today=mine]")).ToContainTextAsync("Checked in today.");
        var samPage = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(samPage, $"/spaces/{bond}");
        await Expect(samPage.Locator("[data-today=theirs]")).ToContainTextAsync("Amal Shared a check-in with you today.");
        await Expect(samPage.Locator("#live-region")).ToContainTextAsync("Showing: tired");
    });

    [Fact]
    public Task MainPages_InLightAndDarkColours_PassAxeAndAreSavedAsScreenshots() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var signedOut = await OpenPageAsync(Viewport.TouchPhone);
        foreach (var path in new[] { "/", "/account/sign-in" })
            await BothColoursAsync(signedOut, path, null);

        var page = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        var momentId = await SeedAsync(page, await OpenPageAsAsync(sam), bond);
        await BothColoursAsync(page, $"/spaces/{bond}", "space-home");
        await BothColoursAsync(page, "/check-in", null);
        await BothColoursAsync(page, $"/spaces/{bond}/map", "partner-map");
        await BothColoursAsync(page, $"/spaces/{bond}/moments/{momentId}", "moment");
        await BothColoursAsync(page, "/account", null);
        await BothColoursAsync(page, "/account/privacy", "privacy-centre");
        await BothColoursAsync(page, "/account/export", null);
        await BothColoursAsync(page, "/account/delete", "delete-account");
        await BothColoursAsync(page, $"/spaces/{bond}/cycle", "loop");

        // The loop on a phone: stacked in real text, at least 14px, with no gap in the words below it.
        var stacked = page.Locator(".cycle-loop__stacked");
        await Expect(stacked).ToBeVisibleAsync();
        await Expect(page.Locator(".cycle-loop__svg")).ToBeHiddenAsync();
        await Expect(stacked.Locator("[data-half=mine] [data-part=trigger]")).ToContainTextAsync("plans change at the last minute");
        await Expect(stacked.Locator("[data-half=theirs] [data-part=reaction]")).ToContainTextAsync("I go quiet");
        var smallest = await stacked.EvaluateAsync<double>("e => Math.min(...[...e.querySelectorAll('h3, p, li')].map(x => parseFloat(getComputedStyle(x).fontSize)))");
        Assert.True(smallest >= 14, $"The loop's smallest text is {smallest}px");
        // No gaps: each answer takes no more lines on screen than it has lines of words (these all fit on one line).
        var gaps = await page.Locator(".cycle-words dd").EvaluateAllAsync<string[]>("""
            dds => dds.filter(dd => {
              const lines = dd.innerText.split("\n").filter(l => l.trim() !== "").length;
              const shown = Math.round(dd.getBoundingClientRect().height / parseFloat(getComputedStyle(dd).lineHeight));
              return lines === 0 || shown > lines;
            }).map(dd => dd.innerText)
            """);
        Assert.True(gaps.Length == 0, "The loop in words has gaps in: " + string.Join(" | ", gaps));
        await AssertNoHorizontalScrollAsync(page);
    });

    [Fact]
    public Task Theme_WhenChosenInAccountSettings_OverridesTheDeviceAndIsKeptForThePerson() => RunAsync(async () =>
    {
        var robin = await CreatePersonAsync("Robin");
        var page = await OpenPageAsAsync(robin, Viewport.TouchPhone);
        await VisitAsync(page, "/account");
        Assert.False(await IsDarkAsync(page), "A light device should start light");

        await page.GetByRole(AriaRole.Radio, new() { Name = "Dark" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save colours" }).TapAsync();
        await Expect(page.GetByText("Your colours are saved.")).ToBeVisibleAsync();
        Assert.True(await IsDarkAsync(page), "Choosing dark on a light device should turn the page dark");
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Dark" })).ToBeCheckedAsync();
        await AssertAccessibleAsync(page);

        // Another device, signed in afresh: the choice travels with the person.
        var other = await OpenPageAsAsync(robin, Viewport.Desktop);
        await VisitAsync(other, "/");
        Assert.True(await IsDarkAsync(other), "The dark choice should follow Robin to another device");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await page.GetByRole(AriaRole.Radio, new() { Name = "Light" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save colours" }).TapAsync();
        await Expect(page.GetByText("Your colours are saved.")).ToBeVisibleAsync();
        Assert.False(await IsDarkAsync(page), "Choosing light on a dark device should keep the page light");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Like my device" }).TapAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save colours" }).TapAsync();
        await Expect(page.GetByText("Your colours are saved.")).ToBeVisibleAsync();
        Assert.True(await IsDarkAsync(page), "Following a dark device should make the page dark");
    });

    /// <summary>Visits in light colours, then dark (Playwright's colour-scheme emulation): axe passes in both.</summary>
    private async Task BothColoursAsync(IPage page, string path, string? screenshot)
    {
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await VisitAsync(page, path);
        Assert.False(await IsDarkAsync(page), $"{path} is dark on a light device");
        await AssertNoHorizontalScrollAsync(page);
        if (screenshot is not null)
            await SaveScreenshotAsync(page, screenshot + "-390");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.True(await IsDarkAsync(page), $"{path} stays light on a dark device");
        await AssertAccessibleAsync(page);
        if (screenshot is not null)
            await SaveScreenshotAsync(page, screenshot + "-390-dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
    }

    private static Task<bool> IsDarkAsync(IPage page) => page.EvaluateAsync<bool>("""
        () => {
          const [r, g, b] = getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g).map(Number);
          return (r + g + b) / 3 < 100;
        }
        """);

    /// <summary>Cookie-signed API writes must come from Corner's own origin, as a browser's fetch would say.</summary>
    private Dictionary<string, string> OwnOrigin() =>
        new() { ["Origin"] = Server.BaseUrl.GetLeftPart(UriPartial.Authority) };

    /// <summary>Both halves of the cycle shared (so the loop is drawn) and one recorded moment, through the API; returns the moment's id.</summary>
    private async Task<Guid> SeedAsync(IPage amalPage, IPage samPage, Guid bond)
    {
        foreach (var (page, half) in new[]
                 {
                     (amalPage, (object)new { trigger = "plans change at the last minute", behaviours = new[] { "fight.get_sharp" }, reaction = "I push for an answer", surface = "annoyed", underneath = "unimportant", need = "to be told early" }),
                     (samPage, new { trigger = "a raised voice", behaviours = new[] { "flight.go_quiet" }, reaction = "I go quiet and leave the room", surface = "calm", underneath = "scared", need = "a softer start" }),
                 })
        {
            var saved = await page.APIRequest.PutAsync($"/api/v1/spaces/{bond}/cycle/my-half", new() { DataObject = half, Headers = OwnOrigin() });
            Assert.True(saved.Ok, $"saving a half answered {saved.Status}");
            var shared = await page.APIRequest.PostAsync($"/api/v1/spaces/{bond}/cycle/my-half/share", new() { DataObject = new { }, Headers = OwnOrigin() });
            Assert.True(shared.Ok, $"sharing a half answered {shared.Status}");
        }
        var created = await amalPage.APIRequest.PostAsync($"/api/v1/spaces/{bond}/moments", new()
        {
            Headers = OwnOrigin(),
            DataObject = new
            {
                submissionId = Guid.NewGuid(),
                situation = "Dinner with Sam's family",
                noticed = "Sam went quiet when the jokes started",
                sided = "I said I liked Sam's plan",
                action = "I changed the subject and sat closer",
            },
        });
        Assert.True(created.Ok, $"recording a moment answered {created.Status}");
        return (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();
    }
}
