using Microsoft.AspNetCore.Http.Features;

namespace Corner.Web.Infrastructure.Live;

public static class LiveEndpoints
{
    /// <summary>
    /// <c>GET /live</c>: the signed-in person's event stream (Server-Sent Events). <c>GET /live/unread</c>: their
    /// "N new" counts as JSON. Both need a signed-in person (the app's fallback policy); anyone else is sent
    /// to the sign-in page and never gets a stream.
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
                return Results.Json(new { total = counts.Total, spaces = counts.BySpace });
            })
            .ExcludeFromDescription();
    }

    private static async Task StreamAsync(HttpContext http, LiveHub hub, IHostApplicationLifetime lifetime)
    {
        if (http.User.PersonIdOrNull() is not { } personId)
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        var response = http.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        // Tells nginx (and similar proxies) to pass each event on at once instead of buffering.
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        using var subscription = hub.Subscribe(personId);
        // Ends when the browser goes away or the node shuts down (so shutdown never waits on open streams).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            // The browser waits this long before reconnecting; the comment sends the headers right away.
            await response.Body.WriteAsync("retry: 3000\n: open\n\n"u8.ToArray(), stop.Token);
            await response.Body.FlushAsync(stop.Token);
            await foreach (var frame in subscription.Frames.ReadAllAsync(stop.Token))
            {
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
