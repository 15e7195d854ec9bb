using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Corner.Web.Features.Offline;

/// <summary>
/// <c>GET /sw.js</c>: the service worker (sw.js next to this file), with the assets the offline page uses written in
/// at their current <c>?v=</c> addresses and a cache name made from them. When an asset changes, so does this script;
/// the browser installs it anew and the old cache is dropped, so the offline page never keeps yesterday's CSS.
/// </summary>
public sealed class OfflineFeature : ICornerFeature
{
    /// <summary>What the offline page (Index.cshtml) links; the worker keeps these with it (InstallableTests checks both agree).</summary>
    private static readonly string[] OfflineAssets = ["/css/site.css", "/img/corner.svg"];

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) =>
        // Like every page, it is sent no-store (SecurityHeaders), so the browser always checks it for a new version.
        app.MapGet("/sw.js", (HttpContext http, IFileVersionProvider versions) =>
                Results.Text(Script(versions, http.Request.PathBase), "text/javascript; charset=utf-8"))
            .AllowAnonymous()
            .WithMetadata(new WithoutRequestTransactionAttribute())
            .ExcludeFromDescription();

    internal static string Script(IFileVersionProvider versions, PathString pathBase)
    {
        var assets = OfflineAssets.Select(path => versions.AddFileVersionToPath(pathBase, path)).ToArray();
        var list = JsonSerializer.Serialize(assets);
        var cache = "corner-static-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(list)))[..16];
        return Template.Value.Replace("/*cache*/", cache, StringComparison.Ordinal)
            .Replace("/*assets*/[]", list, StringComparison.Ordinal);
    }

    private static readonly Lazy<string> Template = new(() =>
    {
        using var stream = typeof(OfflineFeature).Assembly.GetManifestResourceStream("Corner.Web.sw.js")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
