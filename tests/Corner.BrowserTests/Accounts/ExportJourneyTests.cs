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
        var origin = new Dictionary<string, string> { ["Origin"] = Server.BaseUrl.GetLeftPart(UriPartial.Authority) };
        var checkedIn = await page.APIRequest.PostAsync("/api/v1/check-ins", new()
        {
            DataObject = new { surface = new[] { "peaceful.content" }, underlying = Array.Empty<string>(), intensity = 2, note = "a slow Sunday with the radio on", shares = Array.Empty<object>() },
            Headers = origin,
        });
        Assert.True(checkedIn.Ok, $"check-in answered {checkedIn.Status}");

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

        // The readable copy opens with no network at all and passes axe.
        using var zip = new System.IO.Compression.ZipArchive(File.OpenRead(await download.PathAsync()));
        using var reader = new StreamReader(zip.GetEntry("index.html")!.Open());
        var html = await reader.ReadToEndAsync();
        var copy = await OpenPageAsync(Viewport.Phone);
        await copy.Context.SetOfflineAsync(true);
        await copy.SetContentAsync(html);
        await Expect(copy.GetByRole(AriaRole.Heading, new() { Name = "Corner export for Rumi" })).ToBeVisibleAsync();
        await Expect(copy.GetByText("a slow Sunday with the radio on")).ToBeVisibleAsync();
        await AssertAccessibleAsync(copy);
        await SaveScreenshotAsync(copy, "export-copy-390");
    });
}
