using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Corner.BrowserTests.Support;

/// <summary>
/// Watches one browser context for what a person would never want to happen: a request to any origin
/// other than Corner's (it is blocked, and recorded), a console error, a Content-Security-Policy violation,
/// an uncaught page error.
/// </summary>
public sealed class PageGuard
{
    // Reports violations through a binding: it is installed by the browser, so the page's CSP does not apply.
    private const string CspListener = """
        document.addEventListener("securitypolicyviolation", function (e) {
          window.__cornerCspViolation(e.violatedDirective + " blocked " + (e.blockedURI || "inline") +
            " (" + (e.sourceFile || document.location.href) + ":" + e.lineNumber + ")");
        });
        """;

    private readonly Uri _origin;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly ConcurrentDictionary<string, int> _expectedStatus = new();

    private PageGuard(Uri origin) => _origin = origin;

    public IReadOnlyCollection<string> Problems => _problems;

    public static async Task<PageGuard> WatchAsync(IBrowserContext context, Uri origin)
    {
        var guard = new PageGuard(origin);
        await context.RouteAsync("**/*", async route =>
        {
            if (guard.IsOwnOrigin(route.Request.Url))
            {
                await route.ContinueAsync();
                return;
            }
            guard._problems.Enqueue($"third-party request: {route.Request.Method} {route.Request.Url}");
            await route.AbortAsync("blockedbyclient");
        });
        await context.ExposeFunctionAsync("__cornerCspViolation", (string text) => guard._problems.Enqueue("CSP violation: " + text));
        await context.AddInitScriptAsync(CspListener);
        context.Page += (_, page) => guard.Watch(page);
        foreach (var page in context.Pages)
            guard.Watch(page);
        return guard;
    }

    /// <summary>The next navigation to <paramref name="url"/> is expected to answer <paramref name="status"/>
    /// (a 404 page, say), so the browser's "failed to load" console line for it is not a problem.</summary>
    public void Expect(string url, int status) => _expectedStatus[url] = status;

    public void AssertClean(string when)
    {
        if (_problems.IsEmpty)
            return;
        Assert.Fail($"{when}:\n  " + string.Join("\n  ", _problems));
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) =>
        {
            if (message.Type != "error" || IsExpectedFailure(message))
                return;
            _problems.Enqueue($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => _problems.Enqueue("page error: " + error);
    }

    private bool IsExpectedFailure(IConsoleMessage message) =>
        message.Text.StartsWith("Failed to load resource: the server responded with a status of ", StringComparison.Ordinal)
        && _expectedStatus.Any(e => message.Location.StartsWith(e.Key, StringComparison.Ordinal)
            && message.Text.Contains($" {e.Value} ", StringComparison.Ordinal));

    private bool IsOwnOrigin(string url)
    {
        if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("blob:", StringComparison.Ordinal))
            return true;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && uri.Scheme == _origin.Scheme && uri.Host == _origin.Host && uri.Port == _origin.Port;
    }
}
