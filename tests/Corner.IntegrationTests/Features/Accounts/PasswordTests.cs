using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Security;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class PasswordTests(CornerAppFactory factory)
{
    private static Task<HttpResponseMessage> ForgotAsync(HttpClient client, string email) =>
        client.SubmitFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });

    [Fact]
    public async Task ForgotPassword_AnswersTheSameForKnownAndUnknownAddresses_OnlyTheKnownGetsMail()
    {
        var person = await factory.CreatePersonAsync();
        var unknown = NewEmail();

        var known = await ForgotAsync(factory.NewClient(), person.Email);
        var stranger = await ForgotAsync(factory.NewClient(), unknown);

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.StatusCode, stranger.StatusCode);
        Assert.Equal(Location(known), Location(stranger));
        var sentPage = await factory.NewClient().GetStringAsync(Location(known));
        Assert.Contains("a link to choose a new password is on its way", sentPage, StringComparison.Ordinal);
        Assert.Single(Mailbox.For(factory, person.Email));
        Assert.Empty(Mailbox.For(factory, unknown));
    }

    [Fact]
    public async Task ResetPassword_FromTheEmail_WorksAndEndsOldSessions()
    {
        await using var app = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:SecurityStampInterval"] = "00:00:00" });
        var person = await app.CreatePersonAsync();
        var oldSession = app.NewClient();
        await SignInAsync(oldSession, person.Email, person.Password);
        Assert.True(await IsSignedInAsync(oldSession));

        var browser = app.NewClient();
        await ForgotAsync(browser, person.Email);
        var link = Mailbox.LatestLink(app, person.Email);
        Assert.StartsWith("/account/reset-password?", link, StringComparison.Ordinal);
        var reset = await browser.SubmitFormAsync(link, new Dictionary<string, string> { ["Input.Password"] = "a brand new long passphrase" });

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False(await IsSignedInAsync(oldSession));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.NewClient(), person.Email, person.Password)).StatusCode); // old password refused
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.NewClient(), person.Email, "a brand new long passphrase")).StatusCode);
        Assert.Equal(1, await CountAuditAsync(app, AuditKinds.PasswordReset, person.Id));
        // The link works once.
        var again = await browser.SubmitFormAsync(link, new Dictionary<string, string> { ["Input.Password"] = "yet another passphrase here" });
        Assert.Contains("This link didn&#x27;t work", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_WithACommonPassword_ExplainsAndKeepsTheLink()
    {
        var person = await factory.CreatePersonAsync();
        await ForgotAsync(factory.NewClient(), person.Email);
        var link = Mailbox.LatestLink(factory, person.Email);

        var response = await factory.NewClient().SubmitFormAsync(link, new Dictionary<string, string> { ["Input.Password"] = "qwertyuiop" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ReadAsync(response);
        Assert.Contains("first that people guessing passwords would try", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[name='Code']"));
    }

    [Fact]
    public async Task ChangePassword_KeepsThisBrowserInAndEndsTheOtherSessions()
    {
        await using var app = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:SecurityStampInterval"] = "00:00:00" });
        var person = await app.CreatePersonAsync();
        var here = app.NewClient();
        var elsewhere = app.NewClient();
        await SignInAsync(here, person.Email, person.Password);
        await SignInAsync(elsewhere, person.Email, person.Password);

        var wrong = await here.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password",
            ["Input.NewPassword"] = "the sea at dawn is grey",
        }, formAction: "/account/password");
        Assert.Contains("That isn&#x27;t your current password", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var changed = await here.SubmitFormAsync("/account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = person.Password,
            ["Input.NewPassword"] = "the sea at dawn is grey",
        }, formAction: "/account/password");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.True(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(elsewhere));
        Assert.Equal(1, await CountAuditAsync(app, AuditKinds.PasswordChanged, person.Id));
    }
}
