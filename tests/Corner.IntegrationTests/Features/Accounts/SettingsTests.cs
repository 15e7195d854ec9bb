using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Security;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class SettingsTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SignOutEverywhere_EndsAnotherDevicesSession()
    {
        await using var app = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:SecurityStampInterval"] = "00:00:00" });
        var person = await app.CreatePersonAsync();
        var phone = app.NewClient();
        var laptop = app.NewClient();
        await SignInAsync(phone, person.Email, person.Password);
        await SignInAsync(laptop, person.Email, person.Password);
        Assert.True(await IsSignedInAsync(phone));

        var response = await laptop.SubmitFormAsync("/account", new Dictionary<string, string>(), formAction: "/account?handler=SignOutEverywhere");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await IsSignedInAsync(laptop));
        Assert.False(await IsSignedInAsync(phone));
        Assert.Equal(1, await CountAuditAsync(app, AuditKinds.SignedOutEverywhere, person.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.NewClient(), person.Email, person.Password)).StatusCode);
    }

    [Fact]
    public async Task Account_WhenSignedOut_SendsToSignIn()
    {
        var response = await factory.NewClient().GetAsync("/account");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", new Uri(CornerAppFactory.BaseAddress, Location(response)).AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Profile_Update_SavesNameAndTimeZone()
    {
        var person = await factory.CreatePersonAsync("Before");
        var client = await factory.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/account", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "  Après 🌊 ",
            ["Input.TimeZone"] = "America/New_York",
        }, formAction: "/account?handler=Profile");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await FindPersonAsync(factory, person.Email);
        Assert.Equal("Après 🌊", stored.DisplayName);
        Assert.Equal("America/New_York", stored.TimeZone);
    }

    [Fact]
    public async Task Profile_WithBadInput_ExplainsAndKeepsTheRest()
    {
        var person = await factory.CreatePersonAsync("Kept");
        var client = await factory.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/account", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = new string('n', 61),
            ["Input.TimeZone"] = "Nowhere/🌍",
        }, formAction: "/account?handler=Profile");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("60 characters or fewer", body, StringComparison.Ordinal);
        Assert.Contains("time zone from the list", body, StringComparison.Ordinal);
        Assert.Equal("Kept", (await FindPersonAsync(factory, person.Email)).DisplayName);
    }
}
