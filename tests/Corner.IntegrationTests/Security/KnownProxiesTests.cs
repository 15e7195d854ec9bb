using System.Net;
using Corner.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>
/// Corner behind nginx (issue 16): forwarded headers are believed from a known proxy only, so rate limits
/// count per real client, HSTS is sent when the visitor is on TLS, emailed links carry the public address
/// and the <c>__Host-</c> cookies hold. Requests come in over plain HTTP, as from nginx; the TCP peer is
/// set per request by <see cref="ProxyFactory"/>.
/// </summary>
public sealed class KnownProxiesTests(KnownProxiesTests.ProxyFactory factory) : IClassFixture<KnownProxiesTests.ProxyFactory>
{
    private const string Nginx = "127.0.0.1";
    private const string Stranger = "203.0.113.9";

    [Fact]
    public async Task RateLimit_BehindKnownProxy_CountsEachRealClientSeparately()
    {
        var first = await LimitedAsync(peer: Nginx, forwardedFor: "198.51.100.1");
        var again = await LimitedAsync(peer: Nginx, forwardedFor: "198.51.100.1");
        var someoneElse = await LimitedAsync(peer: Nginx, forwardedFor: "198.51.100.2");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, again);
        Assert.Equal(HttpStatusCode.OK, someoneElse);
    }

    [Fact]
    public async Task RateLimit_WhenAStrangerSendsForwardedHeaders_CountsTheStranger()
    {
        var first = await LimitedAsync(peer: Stranger, forwardedFor: "198.51.100.3");
        var pretendingToBeSomeoneElse = await LimitedAsync(peer: Stranger, forwardedFor: "198.51.100.4");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, pretendingToBeSomeoneElse);
    }

    [Fact]
    public async Task RateLimit_WhenAClientWritesItsOwnForwardedFor_CountsTheAddressNginxSaw()
    {
        // nginx appends the address it saw to whatever the client sent: only that last hop is believed.
        var first = await LimitedAsync(peer: Nginx, forwardedFor: "192.0.2.1, 198.51.100.5");
        var spoofed = await LimitedAsync(peer: Nginx, forwardedFor: "192.0.2.2, 198.51.100.5");

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.TooManyRequests, spoofed);
    }

    [Fact]
    public async Task Hsts_BehindKnownProxyOnTls_IsSent()
    {
        var response = await factory.ClientVia(Nginx, proto: "https").GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000; includeSubDomains", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Hsts_WhenAStrangerClaimsTls_IsNotSent()
    {
        var response = await factory.ClientVia(Stranger, proto: "https").GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Cookies_BehindKnownProxyOnTls_AreHostPrefixedSecureAndHostOnly()
    {
        var person = await factory.CreatePersonAsync();

        var response = await factory.ClientVia(Nginx, proto: "https").GetAsync($"{TestEndpointsFactory.CookiesPath}?person={person.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.True(cookies.Count >= 5, string.Join(" | ", cookies));
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c, StringComparison.Ordinal);
            Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", c, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", c, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task EmailLink_BehindKnownProxyWithoutPublicUrl_UsesThePublicHttpsAddress()
    {
        await using var app = ProxyFactory.With(new Dictionary<string, string?> { ["Corner:PublicUrl"] = "" });
        var person = await app.CreatePersonAsync();

        var sent = await app.ClientVia(Nginx, proto: "https").SubmitFormAsync("/account/forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = person.Email });

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var body = Mailbox.For(app, person.Email).Single().Body;
        Assert.Contains("https://corner.example.org/account/reset-password?", body, StringComparison.Ordinal);
        Assert.DoesNotContain("http://corner.example.org", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmailLink_WithPublicUrl_UsesItWhateverTheRequestSays()
    {
        await using var app = ProxyFactory.With(new Dictionary<string, string?> { ["Corner:PublicUrl"] = "https://our.corner.example" });
        var person = await app.CreatePersonAsync();

        await app.ClientVia(Stranger, proto: "http").SubmitFormAsync("/account/forgot-password",
            new Dictionary<string, string> { ["Input.Email"] = person.Email });

        Assert.Contains("https://our.corner.example/account/reset-password?", Mailbox.For(app, person.Email).Single().Body, StringComparison.Ordinal);
    }

    private async Task<HttpStatusCode> LimitedAsync(string peer, string forwardedFor) =>
        (await factory.ClientVia(peer, proto: "https", forwardedFor).GetAsync(TestEndpointsFactory.LimitedPath)).StatusCode;

    /// <summary>
    /// The test endpoints (sign-in limit 1 a minute) behind a pretend TCP peer: the <c>X-Test-Peer</c> header
    /// becomes the connection's remote address before Corner's pipeline runs, the way nginx's address would.
    /// </summary>
    public sealed class ProxyFactory : TestEndpointsFactory
    {
        public const string PeerHeader = "X-Test-Peer";

        public ProxyFactory() : this(new Dictionary<string, string?>()) { }

        private ProxyFactory(IDictionary<string, string?> settings) : base(settings) { }

        public static ProxyFactory With(IDictionary<string, string?> settings) => new(settings);

        protected override void ConfigureTestServices(IServiceCollection services)
        {
            base.ConfigureTestServices(services);
            services.AddSingleton<IStartupFilter, PeerStartupFilter>();
        }

        /// <summary>A client on plain HTTP to http://corner.example.org as seen from <paramref name="peer"/>, which
        /// adds the forwarded headers nginx would, and keeps cookies the way the browser in front of nginx would.</summary>
        public HttpClient ClientVia(string peer, string proto, string? forwardedFor = null) =>
            CreateDefaultClient(new Uri("http://corner.example.org"), new ProxyHeaders(peer, proto, forwardedFor ?? "198.51.100.200"));

        private sealed class PeerStartupFilter : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use((context, nextMiddleware) =>
                {
                    if (context.Request.Headers.Remove(PeerHeader, out var peer))
                        context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                    return nextMiddleware(context);
                });
                next(app);
            };
        }

        private sealed class ProxyHeaders(string peer, string proto, string forwardedFor) : DelegatingHandler
        {
            private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                request.Headers.Add(PeerHeader, peer);
                request.Headers.Add("X-Forwarded-For", forwardedFor);
                request.Headers.Add("X-Forwarded-Proto", proto);
                if (_cookies.Count > 0)
                    request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
                var response = await base.SendAsync(request, cancellationToken);
                if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                    foreach (var pair in setCookies.Select(c => c.Split(';')[0]))
                        _cookies[pair[..pair.IndexOf('=', StringComparison.Ordinal)]] = pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..];
                return response;
            }
        }
    }
}
