using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Corner.BrowserTests.Support;

/// <summary>
/// Corner for real: Kestrel over HTTPS on 127.0.0.1 and a free port, against the browser test database,
/// with its own data folder, master key and mail pickup folder (all from <see cref="CornerAppFactory"/>).
/// In-process rather than a child process so tests can create people and mint sign-in cookies with the
/// very services (and Data Protection keys) the server uses.
/// </summary>
public sealed class CornerServer : CornerAppFactory, IAsyncLifetime
{
    // HTTPS because Corner's cookies are __Host- and Secure, and antiforgery refuses plain HTTP.
    private readonly X509Certificate2 _certificate = SelfSignedCertificate();

    public CornerServer() : base(new Dictionary<string, string?>
    {
        // The server shares the test run's console: keep it to what matters.
        ["Logging:LogLevel:Default"] = "Warning",
    })
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(_certificate)));
    }

    /// <summary>The server's clock; a test moves it on with <see cref="ShiftedClock.Advance"/>.</summary>
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>Where the browser reaches Corner, e.g. https://localhost:40123 (Kestrel listens on 127.0.0.1).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel did not report its address.");
        // Browsers reach it by name: WebAuthn refuses an IP address as the passkey's relying party.
        var address = new Uri(addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal)));
        BaseUrl = new UriBuilder(address) { Host = "localhost" }.Uri;

        // Ready means the database answers and every migration is applied.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.Thumbprint == _certificate.Thumbprint };
        using var client = new HttpClient(handler) { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            // Refused while Kestrel starts; timed out when the machine is busy: both mean "not yet".
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            if (DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"Corner at {BaseUrl} never became ready.");
            await Task.Delay(200);
        }
    }

    /// <summary>The first link in the newest email to <paramref name="email"/>, as a path and query.</summary>
    public string LatestEmailLink(string email) => Mailbox.LatestLink(this, email);

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        _certificate.Dispose();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        // Round-trip through PKCS#12 so the private key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
