using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Support;

/// <summary>The app's API routes, for tests that try every one of them.</summary>
internal static class ApiRoutes
{
    /// <summary>Every route under /api/ with each HTTP method it answers.</summary>
    public static List<(string Method, RouteEndpoint Endpoint)> All(CornerAppFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Endpoint: e)))
            .ToList();

    /// <summary>A path the route matches: a day for {date}, a new (unknown) id for every other parameter.</summary>
    public static string SamplePath(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "date" } => "2026-01-05",
            RoutePatternParameterPart => Guid.NewGuid().ToString(),
            _ => "",
        }))));
}
