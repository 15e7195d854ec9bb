using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Home;

public sealed class HomePageTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    public static TheoryData<string> Widths => new() { nameof(Viewport.Phone), nameof(Viewport.Desktop) };

    private static Viewport Named(string name) => name == nameof(Viewport.Phone) ? Viewport.Phone : Viewport.Desktop;

    [Theory]
    [MemberData(nameof(Widths))]
    public Task Home_WhenAnonymous_WelcomesWithoutSideScrollingAndPassesAxe(string width) => RunAsync(async () =>
    {
        var page = await OpenPageAsync(Named(width));

        await VisitAsync(page, "/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("A quiet corner for the two of you");
        await AssertNoHorizontalScrollAsync(page);
        await AssertMainNavigationReachableAsync(page, "Sign in", "Create an account");
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public Task Home_WhenSignedInWithNoSpaces_ShowsTheEmptyStateWithoutSideScrollingAndPassesAxe(string width) => RunAsync(async () =>
    {
        var person = await CreatePersonAsync("Robin");
        var page = await OpenPageAsAsync(person, Named(width));

        await VisitAsync(page, "/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your spaces");
        var start = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Start your first space" });
        await Expect(start).ToBeVisibleAsync();
        await Expect(start).ToHaveAttributeAsync("href", "/spaces/new");
        await AssertNoHorizontalScrollAsync(page);
        await AssertMainNavigationReachableAsync(page, "Account", "Sign out");
    });

    /// <summary>Each named control of the main navigation is shown, fits in the window and can be reached by Tab.</summary>
    private static async Task AssertMainNavigationReachableAsync(IPage page, params string[] names)
    {
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(navigation).ToBeVisibleAsync();
        var width = page.ViewportSize!.Width;
        // Signed in, the account and signing out sit in one menu: open it as a person would.
        var menu = navigation.Locator(".menu summary");
        if (await menu.CountAsync() > 0)
            await menu.ClickAsync();
        foreach (var name in names)
        {
            var control = navigation.GetByRole(AriaRole.Link, new() { Name = name })
                .Or(navigation.GetByRole(AriaRole.Button, new() { Name = name }));
            await Expect(control).ToBeVisibleAsync();
            var box = await control.BoundingBoxAsync() ?? throw new InvalidOperationException($"'{name}' has no box");
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"'{name}' sticks out of the {width}px window ({box.X}+{box.Width})");
            Assert.True(box.Height >= 24, $"'{name}' is only {box.Height}px tall: too small a target (WCAG 2.5.8)");
        }

        // Keyboard: Tab from the top of the page reaches every one of them (the menu stays open).
        await page.Locator("body").FocusAsync();
        var reached = new HashSet<string>();
        for (var i = 0; i < 12 && reached.Count < names.Length; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string>("() => (document.activeElement?.textContent || '').trim()");
            if (names.Contains(focused))
                reached.Add(focused);
        }
        Assert.True(reached.Count == names.Length, $"Tab reached only {string.Join(", ", reached)} of {string.Join(", ", names)}");
    }
}
