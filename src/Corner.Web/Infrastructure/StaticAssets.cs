using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.StaticFiles;

namespace Corner.Web.Infrastructure;

/// <summary>
/// The static files (CSS, scripts, images) are linked with <c>asp-append-version</c>: <c>/css/site.css?v=HASH</c>,
/// HASH being the file's SHA-256. A request naming the file's current hash gets it cached for a year, immutable:
/// a changed file has a new address. Anything else (no <c>v</c>, an old or made-up one) is <c>no-cache</c>, so a
/// browser always asks whether it changed, and a stale hash never pins today's file for a year.
/// </summary>
public static class StaticAssets
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    /// <summary>The folders under wwwroot that hold static assets (no personal content, the same for everyone).</summary>
    public static bool IsAssetPath(PathString path) =>
        path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/lib") || path.StartsWithSegments("/img");

    public static void UseCornerStaticFiles(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = SetCacheControl });

    private static void SetCacheControl(StaticFileResponseContext file)
    {
        var http = file.Context;
        var request = http.Request;
        var current = false;
        if (request.Query.Count == 1 && request.Query["v"] is [{ Length: > 0 } version] && request.Path.Value is { } path)
        {
            var versioned = http.RequestServices.GetRequiredService<IFileVersionProvider>().AddFileVersionToPath(request.PathBase, path);
            current = versioned.EndsWith("?v=" + version, StringComparison.Ordinal);
        }
        http.Response.Headers.CacheControl = current ? Immutable : Revalidate;
    }
}
