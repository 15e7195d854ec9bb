using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Shared;

public sealed class LayoutTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public Task SpaceSwitcher_WhenOpenedByKeyboard_ListsTheSpacesInsideTheWindowAndPassesAxe(int width) => RunAsync(async () =>
    {
        var robin = await CreatePersonAsync("Robin");
        var sam = await CreatePersonAsync("Sam");
        await CreateSpaceAsync("Robin and Sam, every single day of the week", robin, sam);
        await CreateSpaceAsync("Robin and Mum", robin);
        var page = await OpenPageAsAsync(robin, new Viewport(width, 700));
        await VisitAsync(page, "/");
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var switcher = navigation.Locator(".switcher summary");

        await switcher.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var mum = navigation.GetByRole(AriaRole.Link, new() { Name = "Robin and Mum" });
        await Expect(mum).ToBeVisibleAsync();
        foreach (var link in await navigation.Locator(".switcher ul a").AllAsync())
        {
            var box = await link.BoundingBoxAsync() ?? throw new InvalidOperationException("A space link has no box");
            Assert.True(box.X >= 0 && box.X + box.Width <= width, $"'{await link.InnerTextAsync()}' is outside the {width}px window ({box.X}+{box.Width})");
        }
        await AssertNoHorizontalScrollAsync(page);
        await AssertAccessibleAsync(page);
        await page.Keyboard.PressAsync("Tab");
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Robin and Sam, every single day of the week" })).ToBeFocusedAsync();
    });

    [Theory]
    [InlineData(320)]
    [InlineData(1280)]
    public Task SkipLink_WhenTabbedToAndPressed_ShowsItselfThenMovesFocusToTheMainContent(int width) => RunAsync(async () =>
    {
        var page = await OpenPageAsync(new Viewport(width, 700));
        await VisitAsync(page, "/");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });

        await page.Keyboard.PressAsync("Tab");

        await Expect(skip).ToBeFocusedAsync();
        var box = await skip.BoundingBoxAsync() ?? throw new InvalidOperationException("The skip link has no box");
        Assert.True(box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width, $"The focused skip link is off screen at {box.X},{box.Y}");

        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        var next = await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)");
        Assert.True(next, "Tab after the skip link should go to the first control inside the main content");
    });
}
