using Microsoft.Playwright;

namespace Corner.BrowserTests.Support;

/// <summary>
/// One headless Debian Chromium for the whole run (each test gets its own context). Playwright's own
/// browser download is never used: set CORNER_CHROMIUM to point somewhere other than /usr/bin/chromium.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CORNER_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            ChromiumSandbox = false,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
                // The server's certificate is self-signed for the run; contexts ignore that already, and service
                // worker scripts are only fetched when the browser itself does too.
                "--ignore-certificate-errors",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

/// <summary>Browser tests share one server and one browser, and run one after another (2 cores).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<CornerServer>, ICollectionFixture<Chromium>
{
    public const string Name = "browser";
}
