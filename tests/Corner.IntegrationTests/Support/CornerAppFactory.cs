using System.Net;
using System.Security.Cryptography;
using Corner.Web.Data;
using Corner.Web.Features.Accounts;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Corner.IntegrationTests.Support;

public sealed record TestPerson(Guid Id, string Email, string Password, string DisplayName);

/// <summary>
/// Corner in memory, against the real PostgreSQL test database. Each factory has its own data
/// folder (mail pickup) and master key. Settings can be overridden per factory.
/// </summary>
public class CornerAppFactory : WebApplicationFactory<Program>
{
    public const string DefaultPassword = "a quiet walk by the river";

    private readonly Dictionary<string, string?> _settings;

    public CornerAppFactory() : this(new Dictionary<string, string?>()) { }

    /// <summary>One master key for every app of this test run, as every node of a deployment shares one: the
    /// Data Protection keys in the shared database are sealed with it.</summary>
    public static readonly string SharedMasterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>A factory with some settings overridden (e.g. a low rate limit).</summary>
    public static CornerAppFactory WithSettings(IDictionary<string, string?> settings) => new(settings);

    protected CornerAppFactory(IDictionary<string, string?> settings)
    {
        _ = TestDatabase.AppConnectionString; // loads the settings into the environment
        DataFolder = Path.Combine(Path.GetTempPath(), "corner-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataFolder);
        _settings = new Dictionary<string, string?>
        {
            ["Corner:DataFolder"] = DataFolder,
            ["Corner:MasterKey"] = SharedMasterKey,
            ["Corner:PublicUrl"] = "https://localhost",
            ["Corner:RateLimits:sign-in"] = "10000",
            ["Corner:RateLimits:register"] = "10000",
            ["Corner:RateLimits:password-reset"] = "10000",
            ["Corner:RateLimits:invitation-redemption"] = "10000",
            ["Email:PickupFolder"] = Path.Combine(DataFolder, "mail"),
        };
        foreach (var (key, value) in settings)
            _settings[key] = value;
    }

    public string DataFolder { get; }
    public string MailFolder => _settings["Email:PickupFolder"]!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ScopeWatch>());
        builder.ConfigureTestServices(ConfigureTestServices);
    }

    /// <summary>Hook for a test that needs to replace a service (a clock, say).</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services) { }

    public static readonly Uri BaseAddress = new("https://localhost");

    /// <summary>A browser-like client: https, cookies kept, redirects not followed.</summary>
    public HttpClient NewClient() => NewClient(new CookieContainer());

    /// <summary>Like a browser, the client names the page's origin (Corner's own) on every request; a test about
    /// requests from elsewhere replaces it.</summary>
    public HttpClient NewClient(CookieContainer cookies)
    {
        var client = CreateDefaultClient(BaseAddress, new CookieContainerHandler(cookies));
        client.DefaultRequestHeaders.Add("Origin", "https://localhost");
        return client;
    }

    /// <summary>
    /// A client already signed in as <paramref name="person"/>: its cookie is minted with the app's own
    /// Identity cookie format and principal factory, so it is exactly what a real sign-in would give
    /// (security stamp included). Use the real sign-in pages in the tests that are about signing in.
    /// </summary>
    public async Task<HttpClient> SignedInClientAsync(TestPerson person)
    {
        var cookies = new CookieContainer();
        cookies.Add(BaseAddress, new Cookie("__Host-corner", await SignInCookieAsync(person)) { Secure = true, Path = "/", HttpOnly = true });
        return NewClient(cookies);
    }

    /// <summary>The value of a real sign-in cookie for <paramref name="person"/> (see <see cref="SignedInClientAsync"/>).</summary>
    public Task<string> SignInCookieAsync(TestPerson person) => InScopeAsync(null, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Person>>();
            var signIn = sp.GetRequiredService<SignInManager<Person>>();
            var user = await users.FindByIdAsync(person.Id.ToString()) ?? throw new InvalidOperationException("No such person");
            var principal = await signIn.CreateUserPrincipalAsync(user);
            // Like a real sign-in, the cookie belongs to a session the privacy centre lists.
            var session = await sp.GetRequiredService<Sessions>().StartAsync(user.Id, Sessions.BrowserKind, user.SecurityStamp,
                new SessionOrigin("Chromium", "Linux", "127.0.0.x"), null, CancellationToken.None);
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(Sessions.ClaimType, session.ToString()));
            var options = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
            // Issued on the app's own clock, as a real sign-in is: an app whose clock is moved (ManualClock) would
            // otherwise see every request as an old session and re-check its security stamp each time.
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            var ticket = new AuthenticationTicket(principal,
                new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, IdentityConstants.ApplicationScheme);
            return options.TicketDataFormat.Protect(ticket);
        });

    /// <summary>Creates a confirmed account directly (system scope), for tests about other things.</summary>
    public async Task<TestPerson> CreatePersonAsync(string? displayName = null, string? password = null)
    {
        displayName ??= "Person " + Guid.NewGuid().ToString("N")[..6];
        password ??= DefaultPassword;
        var email = $"{Guid.NewGuid():N}@example.test";
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        await using var system = await db.SystemScopeAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var person = new Person
        {
            Id = Guid.NewGuid(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            TimeZone = "Europe/London",
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var result = await users.CreateAsync(person, password);
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        await transaction.CommitAsync();
        return new TestPerson(person.Id, email, password, displayName);
    }

    /// <summary>
    /// A space shared by <paramref name="members"/> (the first one created it), written straight to the database
    /// in system scope with its name encrypted, for tests about what spaces show. Tests about creating and
    /// joining spaces go through the real pages instead.
    /// </summary>
    public async Task<Guid> CreateSpaceAsync(string name, params TestPerson[] members)
    {
        var bondId = Guid.NewGuid();
        await InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            var encryption = sp.GetRequiredService<FieldEncryption>();
            // Issued on the app's own clock, as a real sign-in is: an app whose clock is moved (ManualClock) would
            // otherwise see every request as an old session and re-check its security stamp each time.
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            db.Bonds.Add(new Bond
            {
                Id = bondId,
                Kind = BondKind.Partners,
                NameCipher = await encryption.EncryptAsync(bondId, BondQueries.NameField(bondId), name),
                CreatedBy = members[0].Id,
                CreatedAt = now,
            });
            foreach (var member in members)
                db.BondMembers.Add(new BondMember { BondId = bondId, PersonId = member.Id, JoinedAt = now });
            return bondId;
        });
        return bondId;
    }

    /// <summary>Runs <paramref name="work"/> in a scope and transaction acting as <paramref name="personId"/>
    /// (or with system scope when null), and commits.</summary>
    public async Task<T> InScopeAsync<T>(Guid? personId, Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        if (personId is { } id) await db.ActAsAsync(id);
        await using var system = personId is null ? await db.SystemScopeAsync() : null;
        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = await work(scope.ServiceProvider);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return result;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>One app shared by the tests in the "app" collection (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<CornerAppFactory>
{
    public const string Name = "app";
}

public static class HttpStatusExtensions
{
    public static bool IsRedirect(this HttpStatusCode code) => (int)code is >= 300 and < 400;
}
