using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Corner.Web.Data;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Infrastructure.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Corner.Web.Infrastructure;

/// <summary>
/// OpenTelemetry traces and metrics (ASP.NET Core, HttpClient, Npgsql, and Corner's own job queue and live
/// connection counts), exported over OTLP only when <c>Telemetry:OtlpEndpoint</c> is set; otherwise
/// nothing is collected. Every span passes <see cref="RedactingProcessor"/> before any exporter sees it.
/// </summary>
public static partial class CornerTelemetry
{
    public const string MeterName = "Corner";

    public static void AddCornerTelemetry(this WebApplicationBuilder builder)
    {
        // Production logs are one JSON object a line, for a log collector; messages never hold entry text.
        if (builder.Environment.IsProduction())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        }

        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"];
        // Tests switch collection on without an endpoint and add an in-memory exporter of their own.
        if (string.IsNullOrEmpty(endpoint) && !builder.Configuration.GetValue<bool>("Telemetry:Collect"))
            return;

        builder.Services.AddSingleton<CornerMetrics>();
        builder.Services.AddScoped<IRecurringJobStep, JobQueueMeasuringStep>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["Telemetry:ServiceName"] ?? "corner"))
            .WithTracing(tracing =>
            {
                tracing
                    // Exceptions are not recorded: their messages can quote data.
                    .AddAspNetCoreInstrumentation(o => o.RecordException = false)
                    .AddHttpClientInstrumentation(o => o.RecordException = false)
                    .AddNpgsql()
                    .AddProcessor(new RedactingProcessor());
                if (!string.IsNullOrEmpty(endpoint))
                    tracing.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter(MeterName);
                if (!string.IsNullOrEmpty(endpoint))
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(endpoint));
            });
    }

    /// <summary>A path with every secret-looking segment (a token, a code, an id) replaced, and no query.</summary>
    public static string RedactPath(string path) => TokenSegment().Replace(path.Split('?', 2)[0], "{redacted}");

    // Invitation, reset and reminder-stop links put their secret in a path segment; ids are redacted too.
    [GeneratedRegex(@"(?<=/)[A-Za-z0-9_\-%.=+]{16,}(?=/|$)")]
    private static partial Regex TokenSegment();
}

/// <summary>
/// Runs on every span as it ends, before export: drops query strings, replaces token-like path segments,
/// keeps SQL statement text (Npgsql records it with $1 placeholders, never parameter values) but drops any
/// parameter tags, and clears status descriptions and exception details, which can quote data.
/// </summary>
public sealed class RedactingProcessor : BaseProcessor<Activity>
{
    private static readonly string[] PathTags = ["url.path", "http.target", "url.full", "http.url", "server.address.path"];
    private static readonly string[] DroppedTags = ["url.query", "exception.message", "exception.stacktrace", "db.query.parameter", "db.statement.parameters"];

    public override void OnEnd(Activity activity)
    {
        foreach (var tag in PathTags)
            if (activity.GetTagItem(tag) is string value)
                activity.SetTag(tag, Redact(value));
        foreach (var (key, _) in activity.TagObjects.ToList())
            if (DroppedTags.Any(d => key.StartsWith(d, StringComparison.Ordinal)))
                activity.SetTag(key, null);
        activity.DisplayName = Redact(activity.DisplayName);
        if (activity.StatusDescription is not null)
            activity.SetStatus(activity.Status);
    }

    private static string Redact(string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return uri.GetLeftPart(UriPartial.Authority) + CornerTelemetry.RedactPath(uri.AbsolutePath);
        return value.StartsWith('/') || value.Contains(" /", StringComparison.Ordinal)
            ? CornerTelemetry.RedactPath(value)
            : value;
    }
}

/// <summary>Corner's own measurements: jobs waiting on the queue, and open live streams on this node.</summary>
public sealed class CornerMetrics : IDisposable
{
    private readonly Meter _meter = new(CornerTelemetry.MeterName);
    private long _jobsWaiting;

    public CornerMetrics(LiveHub hub)
    {
        _meter.CreateObservableGauge("corner.jobs.waiting", () => Interlocked.Read(ref _jobsWaiting),
            description: "Jobs on the queue not done yet (measured once a recurring interval)");
        _meter.CreateObservableGauge("corner.live.connections", () => hub.StreamCount,
            description: "Open live (SSE) streams on this node");
    }

    public void JobsWaiting(long count) => Interlocked.Exchange(ref _jobsWaiting, count);

    public void Dispose() => _meter.Dispose();
}

/// <summary>Counts the queue once per recurring interval, so the gauge never queries from the exporter's thread.</summary>
public sealed class JobQueueMeasuringStep(CornerDbContext db, CornerMetrics metrics) : IRecurringJobStep
{
    public async Task RunAsync(CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var waiting = await db.Database.SqlQuery<long>($"select count(*) as \"Value\" from jobs where done_at is null").SingleAsync(ct);
        await transaction.CommitAsync(ct);
        metrics.JobsWaiting(waiting);
    }
}
