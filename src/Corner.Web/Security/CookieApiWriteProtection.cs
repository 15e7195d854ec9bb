using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Corner.Web.Security;

/// <summary>
/// The JSON API takes the session cookie as well as bearer tokens, and a browser sends the cookie along with
/// any page's request. So a write to the API that is authenticated by the cookie must show it comes from
/// Corner itself: a valid antiforgery token in the <c>X-CSRF-TOKEN</c> header, or an <c>Origin</c> header
/// naming Corner's own address (browsers add it to every POST, PUT, PATCH and DELETE). Otherwise it is
/// refused with 403 before any endpoint runs. Bearer-token callers are not affected: no browser adds a
/// bearer token on its own.
/// </summary>
public sealed class CookieApiWriteProtection(RequestDelegate next, IAntiforgery antiforgery, IOptions<CornerOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api") && !IsSafe(request.Method)
            && !CornerSecurity.CarriesBearerToken(request)
            && context.User.Identity?.IsAuthenticated == true
            && !FromCornersOwnOrigin(request) && !await antiforgery.IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status403Forbidden,
                    Title = "This change did not come from Corner.",
                    Detail = "A write signed in with the session cookie needs Corner's antiforgery token (X-CSRF-TOKEN) or Corner's own Origin. Scripts can use a bearer token instead.",
                    Extensions = { ["code"] = "cross_site_write" },
                },
            });
            return;
        }
        await next(context);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private bool FromCornersOwnOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var from))
            return false;
        if (SameOrigin(from, $"{request.Scheme}://{request.Host}"))
            return true;
        return options.Value.PublicUrl is { Length: > 0 } publicUrl && SameOrigin(from, publicUrl);
    }

    private static bool SameOrigin(Uri from, string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var own)
        && string.Equals(from.Scheme, own.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(from.Host, own.Host, StringComparison.OrdinalIgnoreCase)
        && from.Port == own.Port;
}
