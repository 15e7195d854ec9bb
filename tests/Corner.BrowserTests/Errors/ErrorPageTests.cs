using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Errors;

public sealed class ErrorPageTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task NotFoundPage_WhenVisitedOnAPhone_IsFriendlyFitsAndPassesAxe() => RunAsync(async () =>
    {
        var page = await OpenPageAsync(Viewport.Phone);

        await VisitAsync(page, "/errors/404", expectedStatus: 404);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nothing here");
        await Expect(page).ToHaveTitleAsync("Nothing here · Corner");
        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Back to Corner" })).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
    });

    // Signed in, because an anonymous visitor to an unknown address is asked to sign in first
    // (the fallback policy), which keeps which addresses exist to members only.
    [Theory]
    [InlineData("/no-such-page", 320)]
    [InlineData("/spaces/00000000-0000-0000-0000-000000000000/settings", 1280)]
    public Task UnknownAddress_WhenSignedIn_ShowsTheFriendlyNotFoundPageThatPassesAxe(string path, int width) => RunAsync(async () =>
    {
        var page = await OpenPageAsAsync(await CreatePersonAsync(), new Viewport(width, 700));

        await VisitAsync(page, path, expectedStatus: 404);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nothing here");
        await AssertNoHorizontalScrollAsync(page);
        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await navigation.Locator(".menu summary").ClickAsync();
        await Expect(navigation.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    });
}
