using Corner.BrowserTests.Support;
using Xunit.Abstractions;

namespace Corner.BrowserTests.Health;

public sealed class HealthTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task HealthLive_InTheBrowser_AnswersLive() => RunAsync(async () =>
    {
        var page = await OpenPageAsync();

        var response = await page.GotoAsync("/health/live");

        Assert.Equal(200, response?.Status);
        Assert.Equal("live", (await page.Locator("body").InnerTextAsync()).Trim());
    });
}
