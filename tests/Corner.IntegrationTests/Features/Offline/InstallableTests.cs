using System.Net;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Offline;

/// <summary>Issue 15, item 6: Corner can be installed, opens an offline page, and signing out clears caches.</summary>
[Collection(AppCollection.Name)]
public sealed class InstallableTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Manifest_FromAnyPage_NamesCornerWithIconsThatExistAndTheLayoutsThemeColour()
    {
        var client = factory.CreateClient();
        var home = await client.GetPageAsync("/");
        var manifestUrl = home.QuerySelector("link[rel=manifest]")!.GetAttribute("href")!;
        var themeColour = home.QuerySelector("meta[name=theme-color]")!.GetAttribute("content");

        var response = await client.GetAsync(manifestUrl);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Corner", manifest.GetProperty("name").GetString());
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
        Assert.Equal(themeColour, manifest.GetProperty("theme_color").GetString());
        var sizes = new List<string>();
        foreach (var icon in manifest.GetProperty("icons").EnumerateArray())
        {
            var image = await client.GetAsync(icon.GetProperty("src").GetString());
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal(icon.GetProperty("type").GetString(), image.Content.Headers.ContentType?.MediaType);
            sizes.Add(icon.GetProperty("sizes").GetString()!);
        }
        Assert.Contains("192x192", sizes);
        Assert.Contains("512x512", sizes);
    }

    [Fact]
    public async Task ServiceWorker_AtTheRoot_IsScriptThatCachesOnlyTheOfflinePageAndStaticAssets()
    {
        var response = await factory.CreateClient().GetAsync("/sw.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "text/javascript", "application/javascript" });
    }

    [Fact]
    public async Task ServiceWorker_KeepsTheOfflinePagesAssetsAtTheirCurrentAddresses()
    {
        // The offline page links its CSS and icon at ?v= addresses, and the worker keeps exactly those: a changed
        // stylesheet changes the worker (a new cache), so the offline page is never shown with stale CSS.
        var client = factory.CreateClient();
        var offline = await client.GetPageAsync("/offline");
        var linked = offline.QuerySelectorAll("link[rel=stylesheet], link[rel=icon]").Select(l => l.GetAttribute("href")!)
            .Concat(offline.QuerySelectorAll("img").Select(i => i.GetAttribute("src")!)).Distinct().ToList();
        var response = await client.GetAsync("/sw.js");
        var script = await response.Content.ReadAsStringAsync();

        Assert.True(response.Headers.CacheControl?.NoStore, "the worker script must never be kept by the HTTP cache");
        Assert.NotEmpty(linked);
        Assert.All(linked, path =>
        {
            Assert.Matches(@"^/(css|img)/[^?]+\?v=[A-Za-z0-9_-]+$", path);
            Assert.Contains($"\"{path}\"", script, StringComparison.Ordinal);
        });
        Assert.Matches("var CACHE = \"corner-static-[0-9a-f]{16}\";", script);
        Assert.DoesNotContain("/*", script.Split("var PRECACHE")[1].Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task OfflinePage_WhenSignedIn_HoldsNothingOfThePersons()
    {
        var person = await factory.CreatePersonAsync("Zephyrine");
        await factory.CreateSpaceAsync("Zephyrine's hideaway", person);
        var anonymous = await factory.CreateClient().GetPageAsync("/offline");
        var signedIn = await (await factory.SignedInClientAsync(person)).GetPageAsync("/offline");

        Assert.Contains("You're offline", anonymous.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(anonymous.Body!.TextContent, signedIn.Body!.TextContent);
        Assert.DoesNotContain("Zephyrine", signedIn.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_Always_TellsTheBrowserToClearItsCache()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/account/sign-out", new Dictionary<string, string>());

        Assert.True(response.StatusCode.IsRedirect());
        Assert.Equal("\"cache\"", response.Headers.GetValues("Clear-Site-Data").Single());
    }
}
