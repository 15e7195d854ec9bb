using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Privacy;

namespace Corner.IntegrationTests.Features.Privacy;

/// <summary>Issue 14, item 7: the public privacy and safety pages, with their quick exit.</summary>
[Collection(AppCollection.Name)]
public sealed class PublicPagesTests(CornerAppFactory factory)
{
    [Theory]
    [InlineData("/privacy", "Privacy: what Corner keeps, and why", "What is sealed")]
    [InlineData("/safety", "If you do not feel safe", "Leaving a space quietly")]
    public async Task PublicPage_SignedOut_AnswersWithItsHeadingsAQuickExitAndNothingFromElsewhere(string path, string title, string section)
    {
        var client = factory.NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, page.QuerySelector("h1")?.TextContent.Trim());
        Assert.Contains(section, page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()));
        var exit = page.QuerySelector("a[data-quick-exit]");
        Assert.NotNull(exit);
        Assert.Equal(QuickExit.DefaultUrl, exit.GetAttribute("href"));
        Assert.Equal("Leave this page quickly", exit.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("script[src^='/js/quick-exit.js']"));
        // The quick exit is the one outside address: nothing is loaded from, or linked to, anywhere else.
        var outside = page.QuerySelectorAll("[src], [href]")
            .Where(e => e != exit)
            .SelectMany(e => new[] { e.GetAttribute("src"), e.GetAttribute("href") })
            .Where(u => u is not null && (u.Contains("//", StringComparison.Ordinal) || u.Contains(':', StringComparison.Ordinal)))
            .ToList();
        Assert.Empty(outside);
    }

    [Fact]
    public async Task Footer_OnEveryPage_LinksToPrivacyAndSafety_AndTheAccountPageDoesToo()
    {
        var home = await factory.NewClient().GetPageAsync("/");
        var footer = home.QuerySelectorAll("footer a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/privacy", footer);
        Assert.Contains("/safety", footer);

        var person = await factory.CreatePersonAsync();
        var account = await (await factory.SignedInClientAsync(person)).GetPageAsync("/account");
        var links = account.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/privacy", links);
        Assert.Contains("/safety", links);
    }

    [Fact]
    public async Task QuickExit_WhenConfigured_GoesThereAndIgnoresAnAddressThatIsNotAWebPage()
    {
        using var configured = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:QuickExitUrl"] = "https://weather.example/" });
        var page = await configured.NewClient().GetPageAsync("/safety");
        Assert.Equal("https://weather.example/", page.QuerySelector("a[data-quick-exit]")?.GetAttribute("href"));

        using var hostile = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:QuickExitUrl"] = "javascript:alert(1)" });
        var safe = await hostile.NewClient().GetPageAsync("/privacy");
        Assert.Equal(QuickExit.DefaultUrl, safe.QuerySelector("a[data-quick-exit]")?.GetAttribute("href"));
    }
}
