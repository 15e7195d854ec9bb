using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Support;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class AccountsApiTests(CornerAppFactory factory)
{
    private async Task<HttpResponseMessage> TokenAsync(object body) =>
        await factory.NewClient().PostAsJsonAsync("/api/v1/auth/token", body);

    [Fact]
    public async Task Token_ThenMe_ShowsTheCallersOwnProfile()
    {
        var person = await factory.CreatePersonAsync("Ari");

        var token = await TokenAsync(new { email = person.Email, password = person.Password });

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        var json = await token.Content.ReadFromJsonAsync<JsonElement>();
        var accessToken = json.GetProperty("accessToken").GetString();
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Ari", me.GetProperty("displayName").GetString());
        Assert.Equal(person.Email, me.GetProperty("email").GetString());
        Assert.Equal("Europe/London", me.GetProperty("timeZone").GetString());
        Assert.False(me.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Token_AfterSignOutEverywhere_IsRefusedAtOnce()
    {
        var person = await factory.CreatePersonAsync("Everywhere");
        var token = await (await TokenAsync(new { email = person.Email, password = person.Password })).Content.ReadFromJsonAsync<JsonElement>();
        var api = factory.NewClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/me")).StatusCode);

        var browser = await factory.SignedInClientAsync(person);
        var signedOut = await browser.SubmitFormAsync("/account", new Dictionary<string, string>(), formAction: "/account?handler=SignOutEverywhere");
        Assert.True(signedOut.StatusCode is HttpStatusCode.Redirect, $"sign out everywhere answered {(int)signedOut.StatusCode}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.PostAsJsonAsync("/api/v1/check-ins", new { surface = new[] { "joyful.hopeful" }, intensity = 3 })).StatusCode);
    }

    [Fact]
    public async Task Me_WithoutSignIn_Answers401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.NewClient().GetAsync("/api/v1/me")).StatusCode);
        var client = factory.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Me_WithTheCookie_AlsoWorks()
    {
        var person = await factory.CreatePersonAsync("Cookie");
        var me = await (await factory.SignedInClientAsync(person)).GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal("Cookie", me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Token_WithAWrongPassword_Answers401AndCountsTowardsLockout()
    {
        var person = await factory.CreatePersonAsync();

        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(new { email = person.Email, password = "wrong " + i })).StatusCode);
        var right = await TokenAsync(new { email = person.Email, password = person.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Equal("LockedOut", (await right.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Token_ForAnUnconfirmedAddress_IsRefused()
    {
        var email = NewEmail();
        await RegisterAsync(factory.NewClient(), email);

        var response = await TokenAsync(new { email, password = CornerAppFactory.DefaultPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("NotConfirmed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Token_WithTwoFactorOn_NeedsTheCode()
    {
        var person = await factory.CreatePersonAsync();
        var settings = await factory.SignedInClientAsync(person);
        await settings.SubmitFormAsync("/account/two-factor", new Dictionary<string, string>(), formAction: "/account/two-factor?handler=Start");
        var key = ((IHtmlInputElement)(await settings.GetPageAsync("/account/two-factor")).QuerySelector("[data-shared-key]")!).Value;
        await settings.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) },
            formAction: "/account/two-factor?handler=Enable");

        var without = await TokenAsync(new { email = person.Email, password = person.Password });
        var wrong = await TokenAsync(new { email = person.Email, password = person.Password, twoFactorCode = "000000" });
        var right = await TokenAsync(new { email = person.Email, password = person.Password, twoFactorCode = Totp.Code(key) });

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal("RequiresTwoFactor", (await without.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{\"email\": 42, \"password\": true}")]
    [InlineData("null")]
    public async Task Token_WithMalformedJson_AnswersA4xx(string body)
    {
        var response = await factory.NewClient().PostAsync("/api/v1/auth/token", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("x\u0000@example.test", "pass\u0000word")]
    [InlineData("", "")]
    public async Task Token_WithOddFields_Answers401(string? email, string? password)
    {
        var response = await TokenAsync(new { email, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
