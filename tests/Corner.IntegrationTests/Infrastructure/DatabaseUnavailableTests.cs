using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Infrastructure;

/// <summary>
/// While PostgreSQL cannot be reached (here: the app's connection string points at a port nobody listens on; the
/// owner's still works, so migrations ran), people get a calm 503 page, the API a 503 problem, both with Retry-After,
/// and never a 500 or a stack trace. The cluster's fault suite shows the same with a real restart.
/// </summary>
public sealed class DatabaseUnavailableTests : IAsyncLifetime
{
    private readonly CornerAppFactory _factory = CornerAppFactory.WithSettings(new Dictionary<string, string?>
    {
        ["ConnectionStrings:App"] = "Host=127.0.0.1;Port=9;Database=corner;Username=corner_app;Password=unused;Timeout=3",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Page_WhileTheDatabaseIsAway_IsACalm503Page()
    {
        using var client = _factory.CreateDefaultClient(CornerAppFactory.BaseAddress);

        var response = await client.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Corner is taking a short breather</h1>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Npgsql", body, StringComparison.OrdinalIgnoreCase);
        // The strict headers hold on this page too.
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Api_WhileTheDatabaseIsAway_IsA503Problem()
    {
        using var client = _factory.CreateDefaultClient(CornerAppFactory.BaseAddress);

        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "sam@example.test", password = CornerAppFactory.DefaultPassword });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.Equal("database_unavailable", problem.GetProperty("code").GetString());
        Assert.DoesNotContain("Exception", problem.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Readiness_WhileTheDatabaseIsAway_Is503()
    {
        using var client = _factory.CreateDefaultClient(CornerAppFactory.BaseAddress);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
