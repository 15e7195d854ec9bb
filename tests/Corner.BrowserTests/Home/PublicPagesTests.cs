using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Home;

/// <summary>Issue 14, item 7: the public privacy and safety pages at phone width, and their quick exit.</summary>
public sealed class PublicPagesTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string Outside = "https://www.wikipedia.org/";

    [Theory]
    [InlineData("/privacy", "privacy-390")]
    [InlineData("/safety", "safety-390")]
    public Task PublicPage_OnAPhoneSignedOut_PassesAxeWithoutSideScrolling(string path, string screenshot) => RunAsync(async () =>
    {
        var page = await OpenPageAsync(Viewport.TouchPhone);

        await VisitAsync(page, path);

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Leave this page quickly" })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, screenshot);
    });

    [Fact]
    public Task QuickExit_Clicked_LeavesAndBackDoesNotReturnToTheSafetyPage() => RunAsync(async () =>
    {
        var page = await OpenPageAsync(Viewport.TouchPhone);
        await StandInForOutsideAsync(page);
        await VisitAsync(page, "/");
        await VisitAsync(page, "/safety");

        await page.GetByRole(AriaRole.Link, new() { Name = "Leave this page quickly" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Outside);

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Uri(Server.BaseUrl, "/").ToString());
    });

    [Fact]
    public Task QuickExit_EscapePressedTwice_LeavesAndBackDoesNotReturn() => RunAsync(async () =>
    {
        var page = await OpenPageAsync();
        await StandInForOutsideAsync(page);
        await VisitAsync(page, "/");
        await VisitAsync(page, "/privacy");

        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("Escape");
        await Expect(page).ToHaveURLAsync(Outside);

        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Uri(Server.BaseUrl, "/").ToString());
    });

    // The test browser may reach nothing outside (the guard blocks it): a blank page stands in for the neutral site.
    private static Task StandInForOutsideAsync(IPage page) =>
        page.RouteAsync(Outside, route => route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>Elsewhere</title>" }));
}
