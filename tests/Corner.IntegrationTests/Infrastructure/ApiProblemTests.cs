using System.Net;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Infrastructure;

/// <summary>The API refuses in one shape, RFC 9457 problem details, also when no handler wrote a body
/// (an unknown space, an unknown route, a wrong method, nobody signed in). Pages keep their calm error pages.</summary>
[Collection(AppCollection.Name)]
public sealed class ApiProblemTests(CornerAppFactory factory)
{
    [Fact]
    public async Task EveryApiRead_OfAnUnknownSpaceOrEntry_AnswersAProblemDocument()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var paths = ApiRoutes.All(factory)
            .Where(x => x.Method == "GET" && x.Endpoint.RoutePattern.Parameters.Any(p => p.Name.EndsWith("Id", StringComparison.Ordinal)))
            .Select(x => ApiRoutes.SamplePath(x.Endpoint.RoutePattern))
            .Distinct().ToList();
        Assert.NotEmpty(paths);

        var wrong = new List<string>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            var problem = await ProblemOrNullAsync(response);
            if (response.StatusCode != HttpStatusCode.NotFound || problem is not 404)
                wrong.Add($"GET {path} → {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
        }
        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData("GET", "/api/v1/no-such-thing", 404)]
    [InlineData("DELETE", "/api/v1/check-ins/today", 405)]
    public async Task AnApiRouteThatIsNotThere_AnswersAProblemDocument(string method, string path, int status)
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(status, await ProblemOrNullAsync(response));
    }

    [Fact]
    public async Task TheApi_SignedOut_AnswersAProblem401()
    {
        var response = await factory.NewClient().GetAsync("/api/v1/check-ins/today");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(401, await ProblemOrNullAsync(response));
    }

    [Fact]
    public async Task APage_ThatIsNotThere_StillAnswersTheCalmHtmlPage()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var response = await client.GetAsync($"/spaces/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<int?> ProblemOrNullAsync(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return null;
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return root.TryGetProperty("status", out var status) && root.TryGetProperty("title", out _) ? status.GetInt32() : null;
    }
}
