using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Offline;

/// <summary>
/// Issue 15, item 6, in Chromium with the service worker running: it keeps only the offline page and static
/// assets (never a personal page), shows the offline page without a network, and signing out empties it.
/// </summary>
public sealed class InstallableTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string CachedPaths = """
        async () => {
          const paths = [];
          for (const name of await caches.keys())
            for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
          return paths;
        }
        """;

    [Fact]
    public Task ServiceWorker_AfterPersonalPages_KeepsOnlyPublicFilesServesOfflineAndIsClearedBySignOut() => RunAsync(async () =>
    {
        var mira = await CreatePersonAsync("Mira");
        var bond = await CreateSpaceAsync("Mira's corner", mira);
        var page = await OpenPageAsAsync(mira, Viewport.Phone, serviceWorkers: true);

        await VisitAsync(page, "/account");
        await page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");
        await VisitAsync(page, $"/spaces/{bond}");
        await VisitAsync(page, "/account/notifications");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Turn on notifications on this device" })).ToBeVisibleAsync();

        var cached = await page.EvaluateAsync<string[]>(CachedPaths);
        Assert.Contains("/offline", cached);
        Assert.Contains("/css/site.css", cached);
        Assert.All(cached, path => Assert.Matches(@"^/(offline|css/|js/|lib/|img/)", path));

        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/spaces/{bond}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You're offline" })).ToBeVisibleAsync();
        await Expect(page.GetByText("Mira")).ToHaveCountAsync(0);
        await AssertAccessibleAsync(page);
        await page.Context.SetOfflineAsync(false);

        // Something the cache held before signing out (public assets are fetched again on the next page).
        await page.EvaluateAsync("async () => { for (const name of await caches.keys()) await (await caches.open(name)).put('/img/held-before-sign-out', new Response('x')); }");
        await VisitAsync(page, "/account/sign-out");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You're signed out. See you soon.")).ToBeVisibleAsync();
        var afterSignOut = await page.EvaluateAsync<string[]>(CachedPaths);
        Assert.DoesNotContain("/img/held-before-sign-out", afterSignOut);
        Assert.DoesNotContain("/offline", afterSignOut);
    });
}
