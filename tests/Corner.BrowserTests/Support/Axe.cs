using System.Text.Json;
using Microsoft.Playwright;

namespace Corner.BrowserTests.Support;

/// <summary>Runs axe-core (vendored, no network) on a page and fails on serious or critical violations, in both colour schemes.</summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vendor", "axe.min.js")));

    public sealed record Violation(string Id, string Impact, string Help, IReadOnlyList<string> Targets);

    /// <summary>Every violation axe finds on the page as it is now, whatever its impact.</summary>
    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        // Evaluated through the DevTools protocol, which the page's CSP does not govern: no inline
        // <script>, no BypassCSP, and nothing the page's own securitypolicyviolation listener sees.
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
            await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const results = await window.axe.run(document, { resultTypes: ["violations"] });
              return JSON.stringify(results.violations.map(v => ({
                id: v.id, impact: v.impact || "", help: v.help,
                targets: v.nodes.map(n => n.target.join(" "))
              })));
            }
            """);
        return JsonSerializer.Deserialize<List<Violation>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
    }

    /// <summary>
    /// Fails when axe finds a serious or critical violation, naming the rule, impact and elements. The page is checked
    /// in light and in dark colours (prefers-color-scheme, emulated), then left in the scheme it had.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var wasDark = await page.EvaluateAsync<bool>("() => matchMedia('(prefers-color-scheme: dark)').matches");
        var failures = new List<string>();
        foreach (var scheme in wasDark ? new[] { ColorScheme.Dark, ColorScheme.Light } : [ColorScheme.Light, ColorScheme.Dark])
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            var violations = (await RunAsync(page)).Where(v => v.Impact is "serious" or "critical").ToList();
            failures.AddRange(violations.Select(v =>
                $"{v.Id} ({v.Impact}, {scheme.ToString().ToLowerInvariant()} colours): {v.Help}\n      at {string.Join("\n      at ", v.Targets)}"));
        }
        await page.EmulateMediaAsync(new() { ColorScheme = wasDark ? ColorScheme.Dark : ColorScheme.Light });
        if (failures.Count == 0)
            return;
        Assert.Fail($"axe found {failures.Count} serious or critical violation(s) on {page.Url}:\n  " + string.Join("\n  ", failures));
    }
}
