using System.Net;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Infrastructure;

/// <summary>
/// Issue 15, item 8: static assets are fingerprinted (asp-append-version) and cached for a year, immutable, only at
/// their current versioned address; anything else revalidates. They stay compressed with their ?v=, and a page
/// with a query string still is not (BREACH, Infrastructure/Compression.cs).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class StaticAssetCachingTests(CornerAppFactory factory)
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Encoding", "br, gzip");
        return await client.SendAsync(request);
    }

    private static async Task<List<string>> AssetsOfAsync(HttpClient client, string page)
    {
        var document = await client.GetPageAsync(page);
        // Stylesheets, scripts, the icons and the logo: everything a page links from Corner's own static files.
        return document.QuerySelectorAll("link[rel=stylesheet][href], link[rel=icon][href], link[rel=apple-touch-icon][href], script[src], img[src^='/']")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!).ToList();
    }

    [Fact]
    public async Task Assets_OnTheWelcomePageAndASignedInPage_AreVersionedCachedImmutablyAndCompressed()
    {
        var signedIn = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var assets = (await AssetsOfAsync(factory.NewClient(), "/")).Concat(await AssetsOfAsync(signedIn, "/account")).Distinct().ToList();
        Assert.Contains(assets, a => a.StartsWith("/css/site.css?v=", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/img/corner.svg?v=", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            Assert.Matches(@"\?v=[A-Za-z0-9_-]{20,}$", asset);
            var response = await GetAsync(factory.NewClient(), asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
            if (asset.StartsWith("/img/", StringComparison.Ordinal))
                continue; // images: PNGs are compressed already
            Assert.Contains(response.Content.Headers.ContentEncoding.SingleOrDefault(), new[] { "br", "gzip" });
            Assert.Contains(response.Content.Headers.ContentType?.MediaType, new[] { "text/css", "text/javascript", "application/javascript" });
        }
    }

    [Theory]
    [InlineData("/css/site.css")]
    [InlineData("/css/site.css?v=an-old-or-made-up-version")]
    [InlineData("/img/corner.svg")]
    public async Task Asset_WithoutItsCurrentVersion_IsRevalidatedNotPinned(string path)
    {
        var response = await GetAsync(factory.NewClient(), path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Page_WithAQueryString_IsStillNotCompressed_AndPagesAreNeverCached()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var withQuery = await GetAsync(client, "/?echo=something");
        var plain = await GetAsync(client, "/");

        Assert.Empty(withQuery.Content.Headers.ContentEncoding);
        Assert.NotEmpty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("no-store", plain.Headers.CacheControl?.ToString());
    }
}
