using System.Net;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Support;
using Corner.Web.Security;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class TwoFactorTests(CornerAppFactory factory)
{
    /// <summary>Turns two-factor on through the page; returns the shared key and the recovery codes shown once.</summary>
    private static async Task<(string Key, List<string> Codes)> EnableAsync(HttpClient client)
    {
        var start = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string>(), formAction: "/account/two-factor?handler=Start");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var page = await client.GetPageAsync("/account/two-factor");
        var key = ((IHtmlInputElement)page.QuerySelector("[data-shared-key]")!).Value;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        var uri = ((IHtmlInputElement)page.QuerySelector("#otpauth-uri")!).Value;
        Assert.StartsWith("otpauth://totp/Corner:", uri, StringComparison.Ordinal);
        Assert.Contains("secret=" + key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), uri, StringComparison.Ordinal);

        var wrong = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = "000000" },
            formAction: "/account/two-factor?handler=Enable");
        Assert.Contains("didn&#x27;t match", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enabled = await client.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) },
            formAction: "/account/two-factor?handler=Enable");
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = (await ReadAsync(enabled)).QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent).ToList();
        return (key, codes);
    }

    [Fact]
    public async Task TwoFactor_WhenEnabled_SignInNeedsTheCodeFromTheApp()
    {
        var person = await factory.CreatePersonAsync();
        var (key, codes) = await EnableAsync(await factory.SignedInClientAsync(person));
        Assert.Equal(10, codes.Count);
        Assert.Equal(1, await CountAuditAsync(factory, AuditKinds.TwoFactorEnabled, person.Id));
        Assert.Equal(1, await CountAuditAsync(factory, AuditKinds.RecoveryCodesGenerated, person.Id));

        var client = factory.NewClient();
        var password = await SignInAsync(client, person.Email, person.Password, "/somewhere");
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/sign-in/two-factor", Location(password), StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(client));

        var wrong = await client.SubmitFormAsync(Location(password), new Dictionary<string, string> { ["Input.Code"] = "123 456" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.False(await IsSignedInAsync(client));

        var right = await client.SubmitFormAsync(Location(password), new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key) });
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/somewhere", Location(right));
        Assert.True(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task TwoFactorPage_WithoutThePasswordStep_SendsBackToSignIn()
    {
        var response = await factory.NewClient().GetAsync("/account/sign-in/two-factor");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", Location(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoveryCode_SignsInOnceOnly()
    {
        var person = await factory.CreatePersonAsync();
        var (_, codes) = await EnableAsync(await factory.SignedInClientAsync(person));

        async Task<HttpResponseMessage> UseCodeAsync(string code)
        {
            var client = factory.NewClient();
            var password = await SignInAsync(client, person.Email, person.Password);
            Assert.StartsWith("/account/sign-in/two-factor", Location(password), StringComparison.Ordinal);
            return await client.SubmitFormAsync("/account/sign-in/recovery", new Dictionary<string, string> { ["Input.Code"] = code });
        }

        var first = await UseCodeAsync(codes[0]);
        var second = await UseCodeAsync(codes[0]);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("It may have been used already", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await CountAuditAsync(factory, AuditKinds.RecoveryCodeUsed, person.Id));
    }

    [Fact]
    public async Task RecoveryCodes_Regenerated_OldOnesStopWorking()
    {
        var person = await factory.CreatePersonAsync();
        var settings = await factory.SignedInClientAsync(person);
        var (_, oldCodes) = await EnableAsync(settings);

        var regenerated = await settings.SubmitFormAsync("/account/two-factor", new Dictionary<string, string>(),
            formAction: "/account/two-factor?handler=Regenerate");
        var newCodes = (await ReadAsync(regenerated)).QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent).ToList();
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        // Shown once: a plain visit does not show them again.
        Assert.Empty((await settings.GetPageAsync("/account/two-factor")).QuerySelectorAll("[data-recovery-codes]"));

        var client = factory.NewClient();
        await SignInAsync(client, person.Email, person.Password);
        var old = await client.SubmitFormAsync("/account/sign-in/recovery", new Dictionary<string, string> { ["Input.Code"] = oldCodes[1] });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task TwoFactor_Disabled_WithPassword_SignInNeedsOnlyThePasswordAgain()
    {
        var person = await factory.CreatePersonAsync();
        var settings = await factory.SignedInClientAsync(person);
        await EnableAsync(settings);

        var wrong = await settings.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Password"] = "nope nope nope" },
            formAction: "/account/two-factor?handler=Disable");
        Assert.Contains("That isn&#x27;t your current password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var disabled = await settings.SubmitFormAsync("/account/two-factor", new Dictionary<string, string> { ["Input.Password"] = person.Password },
            formAction: "/account/two-factor?handler=Disable");

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(1, await CountAuditAsync(factory, AuditKinds.TwoFactorDisabled, person.Id));
        var signIn = await SignInAsync(factory.NewClient(), person.Email, person.Password);
        Assert.Equal("/", Location(signIn));
    }
}
