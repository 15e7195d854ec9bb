using System.Net;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Security;

/// <summary>docs/architecture.md: strict headers on every kind of response, and cookies that stay put.</summary>
[Collection(AppCollection.Name)]
public sealed class SecurityHeadersTests(TestEndpointsFactoryFixture fixture) : IClassFixture<TestEndpointsFactoryFixture>
{
    private TestEndpointsFactory Factory => fixture.Factory;

    [Theory]
    [InlineData("/", HttpStatusCode.OK, true, false)]
    [InlineData("/no-such-page-anywhere", HttpStatusCode.NotFound, true, true)]
    [InlineData("/no-such-page-anywhere", HttpStatusCode.Found, true, false)] // anonymous: sign in first, existence unknown
    [InlineData("/errors/404", HttpStatusCode.NotFound, true, false)]
    [InlineData(TestEndpointsFactory.ThrowPath, HttpStatusCode.InternalServerError, true, false)]
    [InlineData("/css/site.css", HttpStatusCode.OK, false, false)]
    [InlineData("/health/live", HttpStatusCode.OK, true, false)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK, true, false)]
    [InlineData("/api/v1/spaces", HttpStatusCode.Unauthorized, true, false)]
    [InlineData("/api/v1/spaces", HttpStatusCode.OK, true, true)]
    public async Task Response_OfEveryKind_CarriesStrictHeaders(string path, HttpStatusCode expected, bool personal, bool signedIn)
    {
        var client = signedIn ? await Factory.SignedInClientAsync(await Factory.CreatePersonAsync()) : Factory.NewClient();

        var response = await client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        AssertStrictHeaders(response, personal);
    }

    [Fact]
    public async Task PersonalPage_WhenSignedIn_CarriesStrictHeadersAndNoStore()
    {
        var person = await Factory.CreatePersonAsync();
        var client = await Factory.SignedInClientAsync(person);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your spaces", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertStrictHeaders(response, personal: true);
    }

    [Fact]
    public async Task ErrorPage_WhenTheAppThrows_ShowsNoDetailOrStackTrace()
    {
        var response = await Factory.NewClient().GetAsync(TestEndpointsFactory.ThrowPath);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong on our side", body, StringComparison.Ordinal);
        Assert.DoesNotContain(TestEndpointsFactory.SecretDetail, body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at Corner.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitedPage_WhenOverTheLimit_Answers429WithStrictHeaders()
    {
        var client = Factory.NewClient();

        var first = await client.GetAsync(TestEndpointsFactory.LimitedPath);
        var second = await client.GetAsync(TestEndpointsFactory.LimitedPath);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.True(second.Headers.RetryAfter is not null, "no Retry-After");
        AssertStrictHeaders(second, personal: true);
    }

    [Fact]
    public async Task Response_OverPlainHttp_HasNoHsts()
    {
        var response = await Factory.CreateDefaultClient(new Uri("http://localhost")).GetAsync("/");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task EveryCookieTheAppSets_IsHostPrefixedSecureAndHttpOnly()
    {
        var person = await Factory.CreatePersonAsync();

        var response = await Factory.NewClient().GetAsync($"{TestEndpointsFactory.CookiesPath}?person={person.Id}");
        var signedInPage = await (await Factory.SignedInClientAsync(person)).GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = SetCookies(response).Concat(SetCookies(signedInPage)).ToList();
        var names = cookies.Select(c => c.Split('=')[0]).ToHashSet();
        foreach (var expected in new[] { "__Host-corner", "__Host-corner-af", "__Host-corner-flash", "__Host-corner-twofactoruserid", "__Host-corner-twofactorrememberme", "__Host-corner-external" })
            Assert.Contains(expected, names);
        Assert.All(cookies, cookie =>
        {
            var parts = cookie.Split(';').Select(p => p.Trim().ToLowerInvariant()).ToList();
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("secure", parts);
            Assert.Contains("httponly", parts);
            Assert.Contains("path=/", parts);
            Assert.DoesNotContain(parts, p => p.StartsWith("domain=", StringComparison.Ordinal));
            Assert.Contains(parts, p => p is "samesite=lax" or "samesite=strict");
        });
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static void AssertStrictHeaders(HttpResponseMessage response, bool personal)
    {
        var where = $"{response.RequestMessage!.RequestUri!.PathAndQuery} ({(int)response.StatusCode})";
        var csp = Header(response, "Content-Security-Policy");
        Assert.True(csp is not null, $"{where}: no Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        var scripts = directives.GetValueOrDefault("script-src") ?? directives.GetValueOrDefault("default-src");
        Assert.True(scripts is not null, $"{where}: CSP restricts no scripts");
        Assert.DoesNotContain("'unsafe-inline'", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-eval'", scripts, StringComparison.Ordinal);
        Assert.Equal("frame-ancestors 'none'", directives.GetValueOrDefault("frame-ancestors"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        // Strict, yet our own POSTs still carry Origin (with no-referrer it is "null" and passkeys are refused).
        Assert.Contains(Header(response, "Referrer-Policy"), new[] { "same-origin", "strict-origin" });
        Assert.False(string.IsNullOrEmpty(Header(response, "Permissions-Policy")), $"{where}: no Permissions-Policy");
        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security") ?? "", StringComparison.Ordinal);
        if (personal)
            Assert.True(Header(response, "Cache-Control")?.Contains("no-store", StringComparison.Ordinal) == true,
                $"{where}: Cache-Control is '{Header(response, "Cache-Control")}', not no-store");
    }
}

/// <summary>One <see cref="TestEndpointsFactory"/> for a test class.</summary>
public sealed class TestEndpointsFactoryFixture : IDisposable
{
    public TestEndpointsFactory Factory { get; } = new();

    public void Dispose() => Factory.Dispose();
}
