using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Accounts;

/// <summary>Issue 14, item 2, as a person on a phone: one tap makes the export, the page follows its progress by
/// itself (no script), and the ZIP downloads.</summary>
public sealed class ExportJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task Export_MadeFromTheAccountPage_IsReadyWithoutAReloadAndDownloads() => RunAsync(async () =>
    {
        var rumi = await CreatePersonAsync("Rumi");
        await CreateSpaceAsync("Rumi's corner", rumi);
        var page = await OpenPageAsAsync(rumi, Viewport.Phone);

        await VisitAsync(page, "/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Download everything that is yours" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your export", Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, "export-390");

        await page.GetByRole(AriaRole.Button, new() { Name = "Make my export" }).ClickAsync();
        // The job worker polls every few seconds and the page looks again every three: no reload by hand.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your export is ready" })).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await AssertAccessibleAsync(page);
        await SaveScreenshotAsync(page, "export-ready-390");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Download") }).ClickAsync());
        Assert.Matches(@"^corner-export-\d{4}-\d{2}-\d{2}\.zip$", download.SuggestedFilename);
    });
}
