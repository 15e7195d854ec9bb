using System.Diagnostics;
using Corner.IntegrationTests.Features.Bonds;
using Corner.IntegrationTests.Security;
using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace Corner.IntegrationTests.Infrastructure;

/// <summary>
/// Spans go through the app's own pipeline (instrumentation, then the redacting processor) to OpenTelemetry's
/// in-memory exporter, which stands in for OTLP (the wire format is not what is under test).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class TelemetryRedactionTests
{
    [Fact]
    public async Task Requests_CarryingTextAndTokens_LeaveNeitherInExportedSpansOrLogLines()
    {
        using var app = new TelemetryCaptureFactory();
        var canary = "canary-space-" + Guid.NewGuid().ToString("N");
        var token = "tokencanary" + Guid.NewGuid().ToString("N");
        var a = await app.CreatePersonAsync();
        var b = await app.CreatePersonAsync();
        var bondId = await app.CreateSpaceAsync(canary, a);
        var invitation = await Spaces.IssueAsync(app, a.Id, bondId);
        var memberA = await app.SignedInClientAsync(a);
        var memberB = await app.SignedInClientAsync(b);
        var anonymous = app.NewClient();

        var page = await memberA.GetAsync($"/spaces/{bondId}?note={canary}&token={token}");
        Assert.Contains(canary, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await memberB.GetAsync($"/join/{invitation.Token}");
        await anonymous.GetAsync($"/reminders/stop/{token}");
        await anonymous.GetAsync($"/account/reset-password?email={Uri.EscapeDataString(a.Email)}&code={token}");

        var spans = await app.SpansAsync(s => (s.GetTagItem("http.route") as string)?.EndsWith("join/{token}", StringComparison.Ordinal) == true);
        // Positive controls: requests and database commands were traced, statements included.
        Assert.Contains(spans, s => (s.GetTagItem("http.route") as string)?.EndsWith("spaces/{bondId:guid}", StringComparison.Ordinal) == true);
        Assert.Contains(spans, s => s.Source.Name == "Npgsql" && s.TagObjects.Any(t => t.Key is "db.statement" or "db.query.text"));

        var exported = spans.Select(Describe).ToList();
        Assert.DoesNotContain(exported, s => s.Contains(a.Email, StringComparison.Ordinal));
        var logs = app.Logs.Messages.ToList();
        foreach (var (what, secret) in new[] { ("intimate text", canary), ("a token", token), ("an invitation token", invitation.Token) })
        {
            var leaks = exported.Where(s => s.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(leaks.Count == 0, $"An exported span contains {what}:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
            var logLeaks = logs.Where(m => m.Contains(secret, StringComparison.Ordinal)).ToList();
            Assert.True(logLeaks.Count == 0, $"A log line contains {what}:{Environment.NewLine}{string.Join(Environment.NewLine, logLeaks)}");
        }
    }

    /// <summary>Everything an exporter would send about a span, as one line of text.</summary>
    private static string Describe(Activity span) =>
        string.Join(" | ", new[] { span.Source.Name, span.DisplayName, span.OperationName, span.StatusDescription ?? "" }
            .Concat(span.TagObjects.Select(t => $"{t.Key}={t.Value}"))
            .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
            .Concat(span.Baggage.Select(t => $"{t.Key}={t.Value}")));

    private sealed class TelemetryCaptureFactory() : CornerAppFactory(new Dictionary<string, string?> { ["Telemetry:Collect"] = "true" })
    {
        private readonly LockedCollection _spans = [];

        public LogRedactionTests.CapturingLoggerProvider Logs { get; } = new();

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
        }

        /// <summary>The exported spans, once one matching <paramref name="last"/> has ended (a server span
        /// ends just after its response reaches the client).</summary>
        public async Task<List<Activity>> SpansAsync(Func<Activity, bool> last)
        {
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                Services.GetRequiredService<TracerProvider>().ForceFlush();
                var copy = _spans.Snapshot();
                if (copy.Any(last) || DateTime.UtcNow > until)
                    return copy;
                await Task.Delay(100);
            }
        }
    }

    /// <summary>The exporter adds from whichever thread ends a span; the test reads a copy.</summary>
    private sealed class LockedCollection : System.Collections.ObjectModel.Collection<Activity>
    {
        protected override void InsertItem(int index, Activity item)
        {
            lock (this)
                base.InsertItem(index, item);
        }

        public List<Activity> Snapshot()
        {
            lock (this)
                return [.. this];
        }
    }
}
