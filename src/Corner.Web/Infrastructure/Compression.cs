using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace Corner.Web.Infrastructure;

/// <summary>
/// Compresses HTML and JSON only where BREACH cannot read a secret out of it (README "Compression").
/// BREACH needs a secret that stays the same across responses and text an attacker controls in the same
/// compressed body. So Corner compresses only GET requests with no query string (nothing from the URL is
/// echoed back), and never the pages that show a lasting secret (account pages: authenticator keys, recovery
/// codes; invitation links) or the live stream. Antiforgery tokens in forms are safe either way: each response
/// carries a freshly encrypted token, so there is no constant string to guess byte by byte.
/// Static files (no secrets in them, and nothing echoed from the URL) are compressed here too, as they pass, with
/// or without their <c>?v=</c> version.
/// </summary>
public static class Compression
{
    public static void AddCornerCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // only for what IsSafe lets through
            o.MimeTypes = ["text/html", "application/json", "application/problem+json", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/manifest+json"];
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
    }

    public static void UseCornerCompression(this IApplicationBuilder app) =>
        app.UseWhen(IsSafe, branch => branch.UseResponseCompression());

    public static bool IsSafe(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method))
            return false;
        var path = request.Path;
        // A static file is the same bytes whatever the query says (?v= is its version), and holds no secret.
        if (StaticAssets.IsAssetPath(path))
            return true;
        if (request.QueryString.HasValue)
            return false;
        return !path.StartsWithSegments("/account") && !path.StartsWithSegments("/api/v1/auth")
            && !path.StartsWithSegments("/join") && !path.StartsWithSegments("/live") && !path.StartsWithSegments("/dev")
            && !(path.Value ?? "").Contains("/invit", StringComparison.OrdinalIgnoreCase);
    }
}
