using Corner.Web.Infrastructure;

namespace Corner.Web.Security;

/// <summary>
/// A counsellor's account reaches only its own part of Corner (issue 12): the desk, taking a link, its account, and
/// what every page needs. Everything else, above all every member route of a space and every way to write into
/// one, answers 404 as if it did not exist; "/" leads to the desk. An allow-list, so a route added later is closed
/// to counsellors until it is named here. The database rule (corner_can) is the second wall: it never lets a
/// counsellor write space data at all.
/// </summary>
public sealed class CounsellorBoundary(RequestDelegate next)
{
    private static readonly string[] Open =
    [
        "/desk", "/counsellor", "/account", "/api/v1/desk", "/api/v1/counsellor", "/api/v1/me", "/api/v1/auth",
        "/live", "/health", "/errors", "/offline", "/privacy", "/safety", "/openapi", "/sw.js", "/dev/mail",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.User.IsCounsellor())
            return next(context);
        var path = context.Request.Path;
        if (path == "/" || path == "")
        {
            context.Response.Redirect("/desk");
            return Task.CompletedTask;
        }
        if (Open.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
