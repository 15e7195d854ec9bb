using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Dev;

namespace Corner.IntegrationTests.Operations;

/// <summary>Runs only when script/test has brought up script/cluster (it sets CORNER_CLUSTER_URL).</summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CORNER_CLUSTER_URL")))
            Skip = "script/cluster is not running (script/test runs these after starting it)";
    }
}

/// <summary>
/// Issue 16: the production shape from script/cluster answers over HTTPS (HTTP/2, HSTS, the local certificate)
/// through nginx, and two people's journey works through it: both register and confirm, one starts a space and
/// invites the other, who joins and sends an appreciation that the first then reads.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class ClusterTests
{
    internal static readonly Uri Site = new(Environment.GetEnvironmentVariable("CORNER_CLUSTER_URL") ?? "https://localhost:8443");
    internal static readonly string State = Path.Combine(TestDatabase.RepositoryRoot(), ".local", "cluster");

    [ClusterFact]
    public async Task Cluster_OverHttps_AnswersWithHttp2AndHsts()
    {
        using var client = Client();

        var response = await client.GetAsync("/account/sign-in");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [ClusterFact]
    public async Task TwoPeople_ThroughNginx_ShareASpaceAndAnAppreciationArrives()
    {
        var samEmail = await RegisteredAsync("Sam");
        var alexEmail = await RegisteredAsync("Alex");
        using var sam = await BearerAsync(samEmail);
        using var alex = await BearerAsync(alexEmail);

        var space = await (await sam.PostAsJsonAsync("/api/v1/spaces", new { kind = "partners", name = "Our corner" })).Content.ReadFromJsonAsync<JsonElement>();
        var spaceId = space.GetProperty("id").GetString();
        var invitation = await sam.PostAsync($"/api/v1/spaces/{spaceId}/invitations", null);
        Assert.Equal(HttpStatusCode.Created, invitation.StatusCode);
        var link = (await invitation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!;
        Assert.StartsWith(Site.ToString().TrimEnd('/'), link, StringComparison.Ordinal); // the public https address
        var token = link.Split("/join/")[^1];
        Assert.Equal(HttpStatusCode.OK, (await alex.PostAsJsonAsync("/api/v1/invitations/redeem", new { token = Uri.UnescapeDataString(token) })).StatusCode);
        var words = "you made tea before I asked " + Guid.NewGuid().ToString("N")[..6];
        using var send = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/spaces/{spaceId}/appreciations") { Content = JsonContent.Create(new { kind = "appreciate", words }) };
        send.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, (await alex.SendAsync(send)).StatusCode);

        var received = await sam.GetStringAsync($"/api/v1/spaces/{spaceId}/appreciations");
        Assert.Contains(words, received, StringComparison.Ordinal);
    }

    internal static async Task<string> RegisteredAsync(string name)
    {
        var email = $"{Guid.NewGuid():N}@example.test";
        using var client = Client();
        var registered = await client.SubmitFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = name,
            ["Input.Password"] = CornerAppFactory.DefaultPassword,
            ["Input.TimeZone"] = "Europe/Paris",
        });
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var mail = DevMail.Read(Path.Combine(State, "data", "mail"), 500).First(m => m.To.Contains(email, StringComparison.OrdinalIgnoreCase));
        var confirm = new Uri(System.Text.RegularExpressions.Regex.Match(mail.Body, @"https://[^\s<>""]+").Value);
        Assert.Equal(Site.Authority, confirm.Authority); // emailed links carry the public address
        Assert.Equal(HttpStatusCode.OK, (await client.SubmitFormAsync(confirm.PathAndQuery, new Dictionary<string, string>())).StatusCode);
        return email;
    }

    internal static async Task<HttpClient> BearerAsync(string email)
    {
        var client = Client();
        var token = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = CornerAppFactory.DefaultPassword });
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var accessToken = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    /// <summary>A client over real TLS that trusts exactly the cluster's own certificate, on HTTP/2.</summary>
    internal static HttpClient Client(CookieContainer? cookies = null)
    {
        var certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(State, "tls.crt"));
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = cookies ?? new CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString() },
        };
        return new HttpClient(handler)
        {
            BaseAddress = Site,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }
}
