using System.Net.Sockets;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace Corner.Web.Infrastructure;

/// <summary>
/// While PostgreSQL is unreachable (restarting, failing over, out of connections), every request that needs it
/// gets a calm 503 with <c>Retry-After</c> instead of a 500: problem JSON for the API, a short page for people.
/// The page is written here, not re-executed, because rendering the usual error page would need the database
/// again (the sign-in check, the request's transaction). Nothing is acknowledged that was not committed, so a
/// client that retries with its Idempotency-Key gets one saved copy. Logs name the error type only.
/// </summary>
public sealed class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> logger)
{
    public const int RetryAfterSeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (IsDatabaseUnavailable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning("The database is unavailable ({Error}); answered 503", Innermost(e).GetType().Name);
            await WriteAsync(context);
        }
    }

    /// <summary>True for errors that mean "the database cannot be reached just now", not for bugs or bad data.</summary>
    public static bool IsDatabaseUnavailable(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                // 08: connection exceptions; 57P01-03: shut down by an administrator, crashed, not accepting
                // connections yet (starting up, or a replica that is not yet promoted); 53300: too many connections.
                case PostgresException p when p.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || p.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "25006":
                    return true;
                case PostgresException:
                    return false;
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
            }
        }
        return false;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
            e = e.InnerException;
        return e;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var response = context.Response;
        response.Clear();
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers.CacheControl = "no-store";
        if (WantsJson(context.Request))
        {
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = text["Errors_503_Title"],
                    Detail = text["Errors_503_Api"],
                    Extensions = { ["code"] = "database_unavailable" },
                },
            });
            return;
        }
        var html = HtmlEncoder.Default;
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync($"""
            <!doctype html>
            <html lang="en">
            <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{html.Encode(text["Errors_503_Title"])} · Corner</title>
                <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main id="main">
            <section class="narrow">
                <h1>{html.Encode(text["Errors_503_Title"])}</h1>
                <p>{html.Encode(text["Errors_503_Body"])}</p>
                <p><a href="/" class="button">{html.Encode(text["Errors_BackHome"])}</a></p>
            </section>
            </main>
            </body>
            </html>
            """);
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/live")
        || (request.Headers.Accept.ToString() is { } accept && accept.Contains("json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));
}
