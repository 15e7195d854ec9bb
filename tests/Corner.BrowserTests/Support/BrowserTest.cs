using System.Runtime.CompilerServices;
using Corner.IntegrationTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Corner.BrowserTests.Support;

/// <summary>A browser window size; <paramref name="Touch"/> makes it a touch screen (taps, no hover).</summary>
public sealed record Viewport(int Width, int Height, bool Touch = false)
{
    /// <summary>The narrowest phone Corner supports (WCAG reflow: 320 CSS pixels).</summary>
    public static readonly Viewport Phone = new(320, 640);

    /// <summary>A common phone held upright (390 × 844), with a touch screen.</summary>
    public static readonly Viewport TouchPhone = new(390, 844, Touch: true);
    public static readonly Viewport Desktop = new(1280, 800);
}

/// <summary>
/// Base for browser tests. Wrap each test body in <see cref="RunAsync"/>: every context it opens is traced,
/// guarded (no third-party requests, console errors, CSP violations or page errors) and closed, and when
/// the test fails the traces are kept under .local/test-results/traces/ (open with `playwright show-trace`).
/// Each person is a separate browser context, so two people can use Corner side by side in one test.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(CornerServer server, Chromium chromium, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<(IBrowserContext Context, PageGuard Guard)> _contexts = [];

    protected CornerServer Server => server;
    protected ITestOutputHelper Output => output;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // Only reached with open contexts when a test did not use RunAsync.
        foreach (var (context, _) in _contexts)
            await context.CloseAsync();
        _contexts.Clear();
    }

    /// <summary>Runs <paramref name="test"/>, then fails it if any guard saw a problem; keeps traces on failure.</summary>
    protected async Task RunAsync(Func<Task> test, [CallerMemberName] string name = "")
    {
        var failed = true;
        try
        {
            await test();
            foreach (var (_, guard) in _contexts)
                guard.AssertClean("While the test ran");
            failed = false;
        }
        finally
        {
            await CloseContextsAsync(failed ? name : null);
            server.Clock.Reset();
        }
    }

    /// <summary>A fresh, signed-out visitor in their own browser context.</summary>
    protected async Task<IPage> OpenPageAsync(Viewport? viewport = null)
    {
        var context = await NewContextAsync(viewport ?? Viewport.Desktop);
        return await context.NewPageAsync();
    }

    /// <summary>A visitor already signed in as <paramref name="person"/> (a cookie minted like a real sign-in).
    /// Service workers are blocked unless a test is about them (<paramref name="serviceWorkers"/>).</summary>
    protected async Task<IPage> OpenPageAsAsync(TestPerson person, Viewport? viewport = null, bool serviceWorkers = false)
    {
        var context = await NewContextAsync(viewport ?? Viewport.Desktop, serviceWorkers);
        await context.AddCookiesAsync([new Cookie
        {
            Name = "__Host-corner",
            Value = await server.SignInCookieAsync(person),
            Url = server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/",
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteAttribute.Lax,
        }]);
        return await context.NewPageAsync();
    }

    /// <summary>A confirmed person, created directly in the database.</summary>
    protected Task<TestPerson> CreatePersonAsync(string? displayName = null) => server.CreatePersonAsync(displayName);

    /// <summary>A space between <paramref name="creator"/> and (optionally) <paramref name="other"/>, made directly.</summary>
    protected Task<Guid> CreateSpaceAsync(string name, TestPerson creator, TestPerson? other = null) =>
        other is null ? server.CreateSpaceAsync(name, creator) : server.CreateSpaceAsync(name, creator, other);

    /// <summary>The first link in the newest email Corner sent to <paramref name="email"/>, as a path.</summary>
    protected string LatestEmailLink(string email) => server.LatestEmailLink(email);

    /// <summary>
    /// Opens <paramref name="path"/>, checks the status, waits for the page to load, then fails on anything the
    /// guard saw and on serious or critical axe violations.
    /// </summary>
    protected async Task<IResponse> VisitAsync(IPage page, string path, int expectedStatus = 200)
    {
        var guard = GuardOf(page);
        var url = new Uri(server.BaseUrl, path).ToString();
        if (expectedStatus >= 400)
            guard.Expect(url, expectedStatus);
        var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load })
            ?? throw new InvalidOperationException($"No response for {path}");
        Assert.True(response.Status == expectedStatus, $"{path} answered {response.Status}, expected {expectedStatus}");
        await AssertAccessibleAsync(page);
        guard.AssertClean($"Visiting {path}");
        return response;
    }

    /// <summary>Fails on any serious or critical axe-core violation on the page as it is now.</summary>
    protected static Task AssertAccessibleAsync(IPage page) => Axe.AssertAccessibleAsync(page);

    /// <summary>
    /// Saves what the page shows now as .local/test-results/screenshots/NAME.png, an artefact to look at
    /// (CI keeps the folder); never compared with anything.
    /// </summary>
    protected static async Task SaveScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Path.Combine(TestDatabase.RepositoryRoot(), ".local", "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = fullPage });
    }

    /// <summary>Fails if the page scrolls sideways (WCAG 1.4.10 reflow).</summary>
    protected static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, viewportWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= viewportWidth,
            $"{page.Url} is {scrollWidth}px wide in a {viewportWidth}px window: it scrolls sideways.");
    }

    /// <summary>The next load of <paramref name="path"/> on <paramref name="page"/> is expected to answer <paramref name="status"/>
    /// (a page that reloads itself into a 404, say).</summary>
    protected void ExpectStatus(IPage page, string path, int status) => GuardOf(page).Expect(new Uri(server.BaseUrl, path).ToString(), status);

    /// <summary>What the guard has seen so far on <paramref name="page"/>'s context (for tests of the guard itself).</summary>
    protected IReadOnlyCollection<string> ProblemsOf(IPage page) => GuardOf(page).Problems;

    private PageGuard GuardOf(IPage page) =>
        _contexts.FirstOrDefault(c => c.Context == page.Context).Guard
        ?? throw new InvalidOperationException("That page was not opened by this test.");

    private async Task<IBrowserContext> NewContextAsync(Viewport viewport, bool serviceWorkers = false)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(),
            IgnoreHTTPSErrors = true, // the server's certificate is self-signed for this run
            ViewportSize = new ViewportSize { Width = viewport.Width, Height = viewport.Height },
            HasTouch = viewport.Touch,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ServiceWorkers = serviceWorkers ? ServiceWorkerPolicy.Allow : ServiceWorkerPolicy.Block,
        });
        context.SetDefaultTimeout(10_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var guard = await PageGuard.WatchAsync(context, server.BaseUrl);
        _contexts.Add((context, guard));
        return context;
    }

    private async Task CloseContextsAsync(string? failedTest)
    {
        var folder = Path.Combine(TestDatabase.RepositoryRoot(), ".local", "test-results", "traces");
        for (var i = 0; i < _contexts.Count; i++)
        {
            var (context, _) = _contexts[i];
            try
            {
                if (failedTest is null)
                {
                    await context.Tracing.StopAsync();
                }
                else
                {
                    Directory.CreateDirectory(folder);
                    var path = Path.Combine(folder, $"{GetType().Name}.{failedTest}.{i + 1}.zip");
                    await context.Tracing.StopAsync(new TracingStopOptions { Path = path });
                    output.WriteLine($"Trace: {path}");
                }
            }
            finally
            {
                await context.CloseAsync();
            }
        }
        _contexts.Clear();
    }
}
