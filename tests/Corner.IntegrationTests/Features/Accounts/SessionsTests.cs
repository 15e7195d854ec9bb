using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Accounts;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>The privacy centre's "Where you're signed in": every browser and API token, and signing one out.</summary>
[Collection(AppCollection.Name)]
public sealed class SessionsTests(CornerAppFactory factory)
{
    private const string FirefoxOnAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0";
    private const string ChromeOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    /// <summary>Cookies are checked against their session at every request here, as they are each minute in production.</summary>
    private static CornerAppFactory CheckedEveryRequest() =>
        CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:SecurityStampInterval"] = "00:00:00" });

    private static HttpClient Device(CornerAppFactory app, string userAgent)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return client;
    }

    private static Task<List<(Guid Id, string Kind, string? Browser, string? Platform, string? Network)>> RowsAsync(CornerAppFactory app, Guid personId) =>
        app.InScopeAsync(null, async sp => (await sp.GetRequiredService<CornerDbContext>().Database
            .SqlQuery<SessionRow>($"select id as \"Id\", kind as \"Kind\", browser as \"Browser\", platform as \"Platform\", network as \"Network\" from sessions where person_id = {personId} order by signed_in_at")
            .ToListAsync()).Select(r => (r.Id, r.Kind, r.Browser, r.Platform, r.Network)).ToList());

    private sealed record SessionRow(Guid Id, string Kind, string? Browser, string? Platform, string? Network);

    private static async Task<string> TokenAsync(CornerAppFactory app, TestPerson person, string userAgent = "curl/8.5.0")
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = person.Email, password = person.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Posts the privacy centre's sign-out form for <paramref name="sessionId"/>, as a browser would (with the page's
    /// antiforgery token), also when the page shows no such form.</summary>
    private static async Task<HttpResponseMessage> EndSessionAsync(HttpClient client, string sessionId) =>
        await client.PostAsync("/account/privacy?handler=EndSession", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync("/account/privacy"),
            ["sessionId"] = sessionId,
        }));

    /// <summary>A person signed in through the sign-in page on a phone (Firefox on Android) and a laptop (Chrome on Windows).</summary>
    private static async Task<(TestPerson Person, HttpClient Phone, HttpClient Laptop)> SignedInOnTwoDevicesAsync(CornerAppFactory app)
    {
        var person = await app.CreatePersonAsync();
        var phone = Device(app, FirefoxOnAndroid);
        var laptop = Device(app, ChromeOnWindows);
        await SignInAsync(phone, person.Email, person.Password);
        await SignInAsync(laptop, person.Email, person.Password);
        return (person, phone, laptop);
    }

    private static HttpClient Bearer(CornerAppFactory app, string token)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task EachSignIn_IsListedByDevice_ThisBrowserMarked_WithoutTheWholeUserAgentOrAddress()
    {
        var (person, phone, laptop) = await SignedInOnTwoDevicesAsync(factory);

        var page = await laptop.GetPageAsync("/account/privacy");

        var items = page.QuerySelectorAll("[data-sessions] li").ToList();
        Assert.Equal(2, items.Count);
        var mine = Assert.Single(items, li => li.QuerySelector(".badge")?.TextContent == "This browser");
        Assert.Contains("Chrome on Windows", mine.TextContent, StringComparison.Ordinal);
        Assert.Null(mine.QuerySelector("form"));
        var other = Assert.Single(items, li => li != mine);
        Assert.Contains("Firefox on Android", other.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sign out Firefox on Android", other.QuerySelector("button")!.GetAttribute("aria-label"));
        var rows = await RowsAsync(factory, person.Id);
        Assert.All(rows, r => Assert.Equal(Sessions.BrowserKind, r.Kind));
        Assert.Equal(["Firefox", "Chrome"], rows.Select(r => r.Browser));
        Assert.All(rows, r => Assert.True(r.Network is null || r.Network.EndsWith(".x", StringComparison.Ordinal) || r.Network.EndsWith("/48", StringComparison.Ordinal), r.Network));
    }

    [Fact]
    public async Task SigningOutAnotherDevice_EndsItThere_KeepsThisOne_AndIsOnTheRecord()
    {
        await using var app = CheckedEveryRequest();
        var (person, phone, laptop) = await SignedInOnTwoDevicesAsync(app);
        Assert.True(await IsSignedInAsync(phone));
        var phoneSession = (await RowsAsync(app, person.Id))[0].Id;

        var response = await laptop.SubmitFormAsync("/account/privacy", new Dictionary<string, string> { ["sessionId"] = phoneSession.ToString() },
            formAction: "/account/privacy?handler=EndSession");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/privacy#sessions-heading", Location(response));
        var after = await laptop.GetPageAsync("/account/privacy");
        Assert.Contains("Signed out. If it's open right now", after.Body!.TextContent, StringComparison.Ordinal);
        Assert.Single(after.QuerySelectorAll("[data-sessions] li"));
        Assert.Contains("Signed out a device", after.QuerySelector("[data-privacy-activity]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(phone));
        Assert.True(await IsSignedInAsync(laptop));
        Assert.Equal(1, await CountAuditAsync(app, AuditKinds.SessionEnded, person.Id));
        // Signing in again on the phone starts a new session; the old one stays gone.
        await SignInAsync(phone, person.Email, person.Password);
        Assert.True(await IsSignedInAsync(phone));
        Assert.DoesNotContain(phoneSession, (await RowsAsync(app, person.Id)).Select(r => r.Id));
    }

    [Fact]
    public async Task AnApiToken_IsListed_AndSigningItOutRefusesItsNextCall()
    {
        var person = await factory.CreatePersonAsync();
        var token = await TokenAsync(factory, person);
        var app = Bearer(factory, token);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/api/v1/me")).StatusCode);
        var browser = await factory.SignedInClientAsync(person);

        var listed = await browser.GetFromJsonAsync<AccountsFeature.SessionsDto>("/api/v1/me/sessions");
        var api = Assert.Single(listed!.Items, s => s.Kind == Sessions.ApiKind);
        Assert.Equal("curl", api.Browser);
        Assert.False(api.Current);
        Assert.True(Assert.Single(listed.Items, s => s.Kind == Sessions.BrowserKind).Current);
        var page = await browser.GetPageAsync("/account/privacy");
        Assert.Contains("An app using your account (curl)", page.QuerySelector("[data-sessions]")!.TextContent, StringComparison.Ordinal);

        var ended = await browser.DeleteAsync($"/api/v1/me/sessions/{api.Id}");

        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.GetAsync("/api/v1/me")).StatusCode);
        var again = await browser.DeleteAsync($"/api/v1/me/sessions/{api.Id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("session_not_found", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPersonsSession_CannotBeSeenOrEnded_ByPageOrApi()
    {
        var person = await factory.CreatePersonAsync();
        var stranger = await factory.CreatePersonAsync();
        var token = await TokenAsync(factory, person);
        var theirs = Assert.Single(await RowsAsync(factory, person.Id)).Id;
        var attacker = await factory.SignedInClientAsync(stranger);

        var api = await attacker.DeleteAsync($"/api/v1/me/sessions/{theirs}");
        var form = await EndSessionAsync(attacker, theirs.ToString());

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        Assert.Contains("already signed out", (await attacker.GetPageAsync("/account/privacy")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.ToString(), await (await attacker.GetAsync("/api/v1/me/sessions")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(factory, token).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(0, await CountAuditAsync(factory, AuditKinds.SessionEnded, stranger.Id));
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("")]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("\u202e\U0001F600")]
    public async Task AnOddSessionId_IsACalmAnswer_NeverAnError(string sessionId)
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);

        var response = await EndSessionAsync(client, sessionId);

        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, response.StatusCode.ToString());
        Assert.True(await IsSignedInAsync(client));
        var api = await client.DeleteAsync("/api/v1/me/sessions/" + Uri.EscapeDataString(sessionId));
        Assert.True(api.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, api.StatusCode.ToString());
    }

    [Fact]
    public async Task SigningOut_ForgetsThisBrowsersSession_AndSignOutEverywhere_ForgetsThemAll()
    {
        var (person, phone, laptop) = await SignedInOnTwoDevicesAsync(factory);
        await TokenAsync(factory, person);
        Assert.Equal(3, (await RowsAsync(factory, person.Id)).Count);

        await phone.SubmitFormAsync("/account/sign-out", new Dictionary<string, string>());
        Assert.Equal(["Chrome", "curl"], (await RowsAsync(factory, person.Id)).Select(r => r.Browser));

        await laptop.SubmitFormAsync("/account", new Dictionary<string, string>(), formAction: "/account?handler=SignOutEverywhere");
        Assert.Empty(await RowsAsync(factory, person.Id));
    }

    [Fact]
    public async Task ChangingThePassword_KeepsThisBrowsersSession_AndDropsTheOthersFromTheList()
    {
        var (person, phone, laptop) = await SignedInOnTwoDevicesAsync(factory);
        var laptopSession = (await RowsAsync(factory, person.Id))[1].Id;

        var response = await laptop.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = person.Password,
            ["Input.NewPassword"] = "a different quiet walk",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var listed = (await laptop.GetFromJsonAsync<AccountsFeature.SessionsDto>("/api/v1/me/sessions"))!.Items;
        var only = Assert.Single(listed);
        Assert.Equal(laptopSession, only.Id);
        Assert.True(only.Current);
        // Housekeeping removes the phone's row, signed in under the old stamp, and keeps the laptop's.
        await factory.InScopeAsync(null, sp => sp.GetServices<IHousekeepingStep>().OfType<SessionsHousekeeping>().Single()
            .PurgeAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal([laptopSession], (await RowsAsync(factory, person.Id)).Select(r => r.Id));
    }

    [Fact]
    public async Task ACookieFromBeforeSessions_GetsASessionAtItsNextCheck()
    {
        await using var app = CheckedEveryRequest();
        var person = await app.CreatePersonAsync();
        var cookie = await app.InScopeAsync(null, async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Person>>();
            var signIn = sp.GetRequiredService<Microsoft.AspNetCore.Identity.SignInManager<Person>>();
            var principal = await signIn.CreateUserPrincipalAsync((await users.FindByIdAsync(person.Id.ToString()))!);
            var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>>()
                .Get(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme);
            var now = DateTimeOffset.UtcNow;
            return options.TicketDataFormat.Protect(new Microsoft.AspNetCore.Authentication.AuthenticationTicket(principal,
                new Microsoft.AspNetCore.Authentication.AuthenticationProperties { IssuedUtc = now.AddMinutes(-5), ExpiresUtc = now.AddDays(1) },
                Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme));
        });
        var cookies = new CookieContainer();
        cookies.Add(CornerAppFactory.BaseAddress, new Cookie("__Host-corner", cookie) { Secure = true, Path = "/", HttpOnly = true });
        var client = app.NewClient(cookies);

        Assert.True(await IsSignedInAsync(client));

        var listed = (await client.GetFromJsonAsync<AccountsFeature.SessionsDto>("/api/v1/me/sessions"))!.Items;
        Assert.True(Assert.Single(listed).Current);
    }

    [Fact]
    public async Task Housekeeping_RemovesSessionsPastTheCookiesLifetime()
    {
        var person = await factory.CreatePersonAsync();
        await SignInAsync(factory.NewClient(), person.Email, person.Password);

        await factory.InScopeAsync(null, sp => sp.GetServices<IHousekeepingStep>().OfType<SessionsHousekeeping>().Single()
            .PurgeAsync(DateTimeOffset.UtcNow.AddDays(13), CancellationToken.None));
        Assert.Single(await RowsAsync(factory, person.Id));
        await factory.InScopeAsync(null, sp => sp.GetServices<IHousekeepingStep>().OfType<SessionsHousekeeping>().Single()
            .PurgeAsync(DateTimeOffset.UtcNow.AddDays(15), CancellationToken.None));
        Assert.Empty(await RowsAsync(factory, person.Id));
    }

    [Theory]
    [InlineData(FirefoxOnAndroid, "Firefox", "Android")]
    [InlineData(ChromeOnWindows, "Chrome", "Windows")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari", "iPhone")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge", "Mac")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/131.0.0.0 Chrome/131.0.0.0 Safari/537.36", "Chromium", "Linux")]
    [InlineData("python-requests/2.32.3", "python-requests", null)]
    [InlineData("", null, null)]
    [InlineData("Mozilla/5.0 (something odd)", null, null)]
    [InlineData("\u202e\U0001F600 <script>", null, null)]
    public void TheDeviceName_IsBrowserAndPlatformOnly(string userAgent, string? browser, string? platform)
    {
        Assert.Equal(browser, SessionOrigin.BrowserName(userAgent));
        Assert.Equal(platform, SessionOrigin.PlatformName(userAgent));
    }

    [Theory]
    [InlineData("127.0.0.x", NetworkKind.ThisComputer)]
    [InlineData("::/48", NetworkKind.ThisComputer)]
    [InlineData("192.168.1.x", NetworkKind.Local)]
    [InlineData("10.2.3.x", NetworkKind.Local)]
    [InlineData("172.20.0.x", NetworkKind.Local)]
    [InlineData("172.32.0.x", NetworkKind.Internet)]
    [InlineData("fd12:3456:789a::/48", NetworkKind.Local)]
    [InlineData("203.0.113.x", NetworkKind.Internet)]
    [InlineData("2001:db8:1234::/48", NetworkKind.Internet)]
    public void TheNetwork_IsNamedByWhereItIs(string network, NetworkKind kind)
    {
        Assert.Equal(kind, SessionOrigin.KindOf(network));
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.x")]
    [InlineData("::ffff:198.51.100.9", "198.51.100.x")]
    [InlineData("2001:db8:1234:5678:9abc::1", "2001:db8:1234::/48")]
    [InlineData("::1", "::/48")]
    public void TheNetwork_IsOnlyItsFirstPart(string address, string network)
    {
        Assert.Equal(network, SessionOrigin.NetworkOf(IPAddress.Parse(address)));
    }
}
