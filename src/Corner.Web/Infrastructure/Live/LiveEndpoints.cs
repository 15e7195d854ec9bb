using Microsoft.AspNetCore.Http.Features;

namespace Corner.Web.Infrastructure.Live;

public static class LiveEndpoints
{
    /// <summary>
    /// <c>GET /live</c>: the signed-in person's event stream (Server-Sent Events). <c>GET /live/unread</c>: their
    /// "N new" counts as JSON. Both need a signed-in person (the app's fallback policy); anyone else gets a 401
    /// (not the sign-in page, see CornerSecurity's RedirectOrStatus) and never a stream.
    /// </summary>
    public static void MapLive(this IEndpointRouteBuilder app)
    {
        // The stream may stay open for many minutes: it must not hold a transaction or a connection.
        app.MapGet("/live", StreamAsync)
            .WithMetadata(new WithoutRequestTransactionAttribute())
            .ExcludeFromDescription();

        app.MapGet("/live/unread", async (HttpContext http, LiveUnread unread, CancellationToken ct) =>
            {
                if (http.User.PersonIdOrNull() is not { } personId)
                    return Results.Unauthorized();
                var counts = await unread.CountAsync(personId, ct);
                return Results.Json(new { total = counts.Total, spaces = counts.BySpace, waiting = counts.WaitingBySpace });
            })
            .ExcludeFromDescription();
    }

    /// <summary>The last event a reconnecting browser saw: the <c>Last-Event-ID</c> header EventSource sends by itself,
    /// or <c>?after=</c> for a client that opens a new stream after a resync. Null for a first stream, or junk.</summary>
    internal static long? LastEventId(HttpRequest request)
    {
        var given = request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["after"].FirstOrDefault();
        return long.TryParse(given, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
    }

    private static async Task StreamAsync(HttpContext http, LiveHub hub, IHostApplicationLifetime lifetime)
    {
        if (http.User.PersonIdOrNull() is not { } personId)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Subscribe before reading what was missed, so nothing falls between the two; what arrives both ways is sent once.
        using var subscription = hub.Subscribe(personId);
        IReadOnlyList<LiveEvent>? missed = null;
        var resync = false;
        if (LastEventId(http.Request) is { } lastEventId)
        {
            // A database that is down answers 503 here (see DatabaseUnavailable), and the browser tries again.
            // Resolved only here: a stream keeps its request's services while it is open, and a database context is
            // one of the larger ones; most streams never read the database.
            missed = await http.RequestServices.GetRequiredService<LiveCatchUp>().AfterAsync(personId, lastEventId, http.RequestAborted);
            resync = missed is null;
        }
        var replayed = missed is { Count: > 0 } ? missed.Select(e => e.Id).ToHashSet() : null;

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        // Tells nginx (and similar proxies) to pass each event on at once instead of buffering.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // Ends when the browser goes away or the node shuts down (so shutdown never waits on open streams).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // The browser waits this long before reconnecting; the comment sends the headers right away.
            await response.Body.WriteAsync("retry: 3000\n: open\n\n"u8.ToArray(), stop.Token);
            foreach (var e in missed ?? [])
                await response.Body.WriteAsync(LiveHub.Frame(e), stop.Token);
            // The missed events are unknown (purged, or too many): the browser fetches what is current instead.
            if (resync)
                await response.Body.WriteAsync(LiveHub.Frame(new { kind = LiveKinds.Resync }), stop.Token);
            // A comment, ignored by EventSource: what follows is live (the fault suite tells catch-up and LISTEN apart by it).
            if (missed is not null || resync)
                await response.Body.WriteAsync(": caught up\n\n"u8.ToArray(), stop.Token);
            await response.Body.FlushAsync(stop.Token);
            await foreach (var frame in subscription.Frames.ReadAllAsync(stop.Token))
            {
                if (replayed is not null && replayed.Contains(LiveHub.FrameId(frame)))
                    continue;
                await response.Body.WriteAsync(frame, stop.Token);
                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left or the node is stopping.
        }
        catch (IOException)
        {
            // The connection broke mid-write.
        }
    }
}
