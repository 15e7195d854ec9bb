using System.Collections.Concurrent;
using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Corner.BrowserTests.Speed;

/// <summary>
/// Issue 15, item 8: a phone's first visit (an empty cache) to the welcome page and to the space home loads under
/// 60 KB of CSS and JavaScript together, counted as Chromium received them over the wire (compressed bodies).
/// </summary>
public sealed class FirstVisitTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const int Budget = 60 * 1024;

    [Fact]
    public Task FirstVisit_ToTheWelcomePageAndTheSpaceHome_LoadsUnder60KBOfCompressedCssAndJavaScript() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var welcome = await WeighAsync(await OpenPageAsync(Viewport.TouchPhone), "/");
        var home = await WeighAsync(await OpenPageAsAsync(amal, Viewport.TouchPhone), $"/spaces/{bond}");

        var total = welcome.Sum(f => f.Bytes) + home.Sum(f => f.Bytes);
        foreach (var (page, files) in new[] { ("welcome", welcome), ("space home", home) })
            Output.WriteLine($"{page}: {files.Sum(f => f.Bytes)} bytes in {string.Join(", ", files.Select(f => $"{f.Path} {f.Bytes} ({f.Encoding})"))}");
        Output.WriteLine($"together: {total} bytes of {Budget}");
        Assert.Contains(home, f => f.Path.EndsWith("/live.js", StringComparison.Ordinal));
        Assert.All(welcome.Concat(home), f => Assert.True(f.Encoding is "br" or "gzip", $"{f.Path} came uncompressed ({f.Encoding})"));
        Assert.True(total < Budget, $"The first visits loaded {total} bytes of CSS and JavaScript, over {Budget}");
    });

    private sealed record Weighed(string Path, long Bytes, string Encoding);

    /// <summary>Visits <paramref name="path"/> in a fresh context and weighs every stylesheet and script it loaded.</summary>
    private async Task<List<Weighed>> WeighAsync(IPage page, string path)
    {
        var requests = new ConcurrentQueue<IRequest>();
        page.RequestFinished += (_, request) =>
        {
            if (request.ResourceType is "stylesheet" or "script")
                requests.Enqueue(request);
        };
        await VisitAsync(page, path);
        var weighed = new List<Weighed>();
        foreach (var request in requests)
        {
            var sizes = await request.SizesAsync();
            var response = await request.ResponseAsync() ?? throw new InvalidOperationException($"No response for {request.Url}");
            weighed.Add(new Weighed(new Uri(request.Url).AbsolutePath, sizes.ResponseBodySize,
                await response.HeaderValueAsync("content-encoding") ?? "none"));
        }
        Assert.NotEmpty(weighed);
        return weighed;
    }
}
