using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Corner.BrowserTests.Support;

/// <summary>The checks every browser test relies on must themselves be able to fail.</summary>
public sealed class GuardTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public async Task Guard_WhenTheBrowserHeadsToAnotherOrigin_BlocksAndReportsIt()
    {
        var page = await OpenPageAsync();
        await VisitAsync(page, "/");

        await Assert.ThrowsAnyAsync<PlaywrightException>(() => page.GotoAsync("https://example.com/tracker.js"));

        Assert.Contains(ProblemsOf(page), p => p.StartsWith("third-party request: GET https://example.com/tracker.js", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guard_WhenAnInlineScriptIsAdded_ReportsTheCspViolation()
    {
        var page = await OpenPageAsync();
        await VisitAsync(page, "/");

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'void 0'; document.body.append(s); }");

        await WaitForAsync(() => ProblemsOf(page).Any(p => p.StartsWith("CSP violation: script-src", StringComparison.Ordinal)), page);
        Assert.Contains(ProblemsOf(page), p => p.StartsWith("console error:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Guard_WhenAPageAnswersAnUnexpectedError_ReportsTheFailedLoad()
    {
        var page = await OpenPageAsync();

        await page.GotoAsync("/errors/404");

        await WaitForAsync(() => ProblemsOf(page).Any(p => p.Contains("status of 404", StringComparison.Ordinal)), page);
    }

    [Fact]
    public async Task Guard_WhenAScriptThrows_ReportsThePageError()
    {
        var page = await OpenPageAsync();
        await VisitAsync(page, "/");

        await page.EvaluateAsync("() => { setTimeout(() => { throw new Error('broken on purpose'); }, 0); }");

        await WaitForAsync(() => ProblemsOf(page).Any(p => p.Contains("broken on purpose", StringComparison.Ordinal)), page);
    }

    [Fact]
    public Task Axe_WhenAnImageHasNoText_FindsTheCriticalViolationAndItsTarget() => RunAsync(async () =>
    {
        var page = await OpenPageAsync();
        await VisitAsync(page, "/");

        await page.EvaluateAsync("() => { const img = document.createElement('img'); img.src = '/img/corner.svg'; img.id = 'no-alt'; document.querySelector('main').append(img); }");

        var violations = await Axe.RunAsync(page);
        var missingAlt = Assert.Single(violations, v => v.Id == "image-alt");
        Assert.Equal("critical", missingAlt.Impact);
        Assert.Contains("#no-alt", missingAlt.Targets);
        await Assert.ThrowsAsync<Xunit.Sdk.FailException>(() => AssertAccessibleAsync(page));
    });

    private static async Task WaitForAsync(Func<bool> condition, IPage page)
    {
        for (var i = 0; i < 50 && !condition(); i++)
            await page.WaitForTimeoutAsync(100);
        Assert.True(condition(), "The guard did not report the problem");
    }
}
