using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Security;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>Issue 14, item 6: changing your email, confirmed at the new address, with a notice to the old one.</summary>
[Collection(AppCollection.Name)]
public sealed class EmailChangeTests(CornerAppFactory factory)
{
    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string newEmail, string password) =>
        client.SubmitFormAsync("/account/email", new Dictionary<string, string>
        {
            ["Input.NewEmail"] = newEmail,
            ["Input.CurrentPassword"] = password,
        }, formAction: "/account/email");

    [Fact]
    public async Task ChangeEmail_FromTheLinkAtTheNewAddress_ChangesItTellsTheOldOneAndEndsOtherSessions()
    {
        await using var app = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:SecurityStampInterval"] = "00:00:00" });
        var person = await app.CreatePersonAsync();
        var here = app.NewClient();
        var elsewhere = app.NewClient();
        await SignInAsync(here, person.Email, person.Password);
        await SignInAsync(elsewhere, person.Email, person.Password);
        var newEmail = NewEmail();

        var asked = await AskAsync(here, newEmail, person.Password);

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("Check the inbox of your new address", await here.GetStringAsync("/account"), StringComparison.Ordinal);
        Assert.Empty(Mailbox.For(app, person.Email));
        var link = Mailbox.LatestLink(app, newEmail);
        Assert.StartsWith("/account/confirm-email-change?", link, StringComparison.Ordinal);
        // Opening the link (a scanner would) changes nothing: only its button does.
        var shown = await here.GetStringAsync(link);
        Assert.Contains("Use this address for Corner?", shown, StringComparison.Ordinal);
        Assert.Equal(person.Email, (await FindPersonAsync(app, person.Email)).Email);

        var confirmed = await here.SubmitFormAsync(link, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("Your email address is changed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(person.Id, (await FindPersonAsync(app, newEmail)).Id);
        var notice = Assert.Single(Mailbox.For(app, person.Email));
        Assert.Contains("was changed", notice.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(newEmail, notice.Body, StringComparison.Ordinal);
        Assert.Contains("***@example.test", notice.Body, StringComparison.Ordinal);
        Assert.True(await IsSignedInAsync(here));
        Assert.False(await IsSignedInAsync(elsewhere));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(app.NewClient(), newEmail, person.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.NewClient(), person.Email, person.Password)).StatusCode); // the old address no longer signs in
        Assert.Equal(1, await CountAuditAsync(app, AuditKinds.EmailChangeRequested, person.Id));
        Assert.Equal(1, await CountAuditAsync(app, AuditKinds.EmailChanged, person.Id));
        var activity = await here.GetStringAsync("/account/privacy");
        Assert.Contains("Email address changed", activity, StringComparison.Ordinal);
        Assert.DoesNotContain(newEmail, activity, StringComparison.Ordinal);

        // The link works once.
        var again = await app.NewClient().SubmitFormAsync(link, new Dictionary<string, string>());
        Assert.Contains("This link doesn&#x27;t work any more", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not an address", "right", "Please enter an email address like name@example.com.")]
    [InlineData("NEW", "wrong", "That isn&#x27;t your current password.")]
    [InlineData("SAME", "right", "That&#x27;s already your address.")]
    [InlineData("🙂\u202e@example.test", "right", "Please enter an email address like name@example.com.")]
    public async Task ChangeEmail_WithBadInput_SaysWhatIsWrongKeepsTheAddressAndSendsNothing(string typed, string password, string message)
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);
        var address = typed switch { "NEW" => NewEmail(), "SAME" => person.Email, _ => typed };

        var response = await AskAsync(client, address, password == "right" ? person.Password : "not my password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // as the other account pages: the form again, with its message
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(message, html, StringComparison.Ordinal);
        var page = await ReadAsync(response);
        Assert.Equal(address, page.QuerySelector("input[name='Input.NewEmail']")!.GetAttribute("value"));
        Assert.Equal("", page.QuerySelector("input[name='Input.CurrentPassword']")!.GetAttribute("value") ?? "");
        Assert.Empty(Mailbox.For(factory, address));
        Assert.Empty(Mailbox.For(factory, person.Email));
    }

    [Fact]
    public async Task ChangeEmail_ToAnAddressWithAnAccount_AnswersTheSameAndOnlyTellsThatAccount()
    {
        var person = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);

        var response = await AskAsync(client, other.Email, person.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Check the inbox of your new address", await client.GetStringAsync("/account"), StringComparison.Ordinal);
        var mail = Assert.Single(Mailbox.For(factory, other.Email));
        Assert.DoesNotContain("confirm-email-change", mail.Body, StringComparison.Ordinal);
        Assert.Equal(person.Email, (await FindPersonAsync(factory, person.Email)).Email);
    }

    private static string Swap(string link, string from, string to)
    {
        Assert.Contains(from, link, StringComparison.Ordinal);
        return link.Replace(from, to, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmEmailChange_WithATamperedLink_IsAClearPageAndChangesNothing()
    {
        var person = await factory.CreatePersonAsync();
        var taken = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);
        var newEmail = NewEmail();
        await AskAsync(client, newEmail, person.Password);
        var link = Mailbox.LatestLink(factory, newEmail);

        var tampered = new[]
        {
            Swap(link, newEmail, NewEmail()),
            Swap(link, person.Id.ToString(), taken.Id.ToString()),
            Swap(link, newEmail, taken.Email),
        };
        foreach (var url in tampered)
        {
            var response = await factory.NewClient().SubmitFormAsync(url, new Dictionary<string, string>());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(html.Contains("This link doesn&#x27;t work any more", StringComparison.Ordinal), $"{url} was taken: {html[html.IndexOf("<h1", StringComparison.Ordinal)..][..80]}");
        }
        foreach (var url in new[] { link + "x", "/account/confirm-email-change", "/account/confirm-email-change?userId=x&email=%00&code=" + new string('a', 5000) })
            Assert.Contains("This link doesn&#x27;t work any more", await factory.NewClient().GetStringAsync(url), StringComparison.Ordinal);

        Assert.Equal(person.Id, (await FindPersonAsync(factory, person.Email)).Id);
        Assert.Equal(taken.Id, (await FindPersonAsync(factory, taken.Email)).Id);
        // The real link still works afterwards.
        Assert.Contains("Your email address is changed", await (await client.SubmitFormAsync(link, new Dictionary<string, string>())).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
