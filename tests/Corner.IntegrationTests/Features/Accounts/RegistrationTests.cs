using System.Net;
using Corner.IntegrationTests.Support;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class RegistrationTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Register_ThenConfirmFromEmail_SignInWorksAndReturnsToTheInvitation()
    {
        var email = NewEmail();
        var client = factory.NewClient();

        var registered = await RegisterAsync(client, email, "Robin", returnUrl: "/join/abc123");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var checkEmail = await client.GetStringAsync(Location(registered));
        Assert.Contains("Check your email", checkEmail, StringComparison.Ordinal);

        var link = Mailbox.LatestLink(factory, email);
        Assert.Contains("returnUrl=%2Fjoin%2Fabc123", link, StringComparison.Ordinal);
        // Opening the link changes nothing until the button is pressed.
        var person = await FindPersonAsync(factory, email);
        Assert.False(person.EmailConfirmed);
        var confirmed = await ConfirmFromMailAsync(factory, client, email);
        var page = await ReadAsync(confirmed);
        Assert.Contains("Your email is confirmed", page.Body!.TextContent, StringComparison.Ordinal);
        var signInLink = page.QuerySelector("a[data-sign-in-link]")!.GetAttribute("href")!;
        Assert.Equal("/account/sign-in?returnUrl=%2Fjoin%2Fabc123", signInLink);

        var signedIn = await client.SubmitFormAsync(signInLink,
            new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = CornerAppFactory.DefaultPassword });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/join/abc123", Location(signedIn));
        Assert.True(await IsSignedInAsync(client));
        var stored = await FindPersonAsync(factory, email);
        Assert.Equal("Europe/Paris", stored.TimeZone);
        Assert.Equal("Robin", stored.DisplayName);
    }

    [Fact]
    public async Task SignIn_BeforeConfirming_IsRefusedAndOffersANewLink()
    {
        var email = NewEmail();
        var client = factory.NewClient();
        await RegisterAsync(client, email);

        var response = await SignInAsync(client, email, CornerAppFactory.DefaultPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ReadAsync(response);
        Assert.Contains("Please confirm your email first", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[action^='/account/resend-confirmation']"));
        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task SignIn_BeforeConfirmingWithWrongPassword_DoesNotRevealTheAccount()
    {
        var email = NewEmail();
        var client = factory.NewClient();
        await RegisterAsync(client, email);

        var body = await (await SignInAsync(client, email, "not the password at all")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("confirm your email", body, StringComparison.Ordinal);
        Assert.Contains("don&#x27;t match an account", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithAnEmailThatExists_AnswersTheSameAndNotesItToTheOwner()
    {
        var existing = await factory.CreatePersonAsync();
        var fresh = NewEmail();

        var forExisting = await RegisterAsync(factory.NewClient(), existing.Email, "Someone else", "another fine passphrase");
        var forFresh = await RegisterAsync(factory.NewClient(), fresh, "Someone else", "another fine passphrase");

        Assert.Equal(forFresh.StatusCode, forExisting.StatusCode);
        Assert.Equal(Location(forFresh), Location(forExisting));
        var note = Assert.Single(Mailbox.For(factory, existing.Email));
        Assert.Contains("tried to create", note.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm-email", note.Body, StringComparison.Ordinal);
        // The existing account is untouched: the old password still works.
        var signIn = await SignInAsync(factory.NewClient(), existing.Email, existing.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Register_WithACommonPassword_ExplainsAndKeepsEmailAndName()
    {
        var email = NewEmail();

        var response = await RegisterAsync(factory.NewClient(), email, "Sam", "password123");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ReadAsync(response);
        Assert.Contains("first that people guessing passwords would try", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, (page.QuerySelector("input[name='Input.Email']") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.Equal("Sam", (page.QuerySelector("input[name='Input.DisplayName']") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.Equal("", (page.QuerySelector("input[name='Input.Password']") as AngleSharp.Html.Dom.IHtmlInputElement)!.Value);
        Assert.Empty(Mailbox.For(factory, email));
    }

    [Theory]
    [InlineData("Input.Email", "not-an-email", "name@example.com")]
    [InlineData("Input.DisplayName", "", "what to call you")]
    [InlineData("Input.DisplayName", "Evil\u202Eeman", "can&#x27;t show safely")]
    [InlineData("Input.DisplayName", "tab\tname", "can&#x27;t show safely")]
    [InlineData("Input.Password", "short", "at least 8 characters")]
    [InlineData("Input.Password", "four quiet\0 rivers dancing", "invisible character")]
    [InlineData("Input.Password", "four quiet\trivers dancing", "invisible character")]
    [InlineData("Input.TimeZone", "../../etc/passwd", "time zone from the list")]
    [InlineData("Input.TimeZone", "Mars/Olympus_Mons", "time zone from the list")]
    public async Task Register_WithBadInput_ExplainsWithoutFailing(string field, string value, string message)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = NewEmail(),
            ["Input.DisplayName"] = "Robin",
            ["Input.Password"] = CornerAppFactory.DefaultPassword,
            ["Input.TimeZone"] = "Etc/UTC",
            [field] = value,
        };

        var response = await factory.NewClient().SubmitFormAsync("/account/register", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Email")]
    [InlineData("Input.DisplayName")]
    [InlineData("Input.Password")]
    public async Task Register_WithANullByte_NeverFailsAndExplainsWhatIsWrong(string field)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = NewEmail(),
            ["Input.DisplayName"] = "Robin",
            ["Input.Password"] = CornerAppFactory.DefaultPassword,
            [field] = "nul\0byte",
        };

        // A NUL reaches the page as a control character (see NullByteFormMiddleware): refused with a message next to its field.
        var response = await factory.NewClient().SubmitFormAsync("/account/register", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        var error = document.QuerySelector(field switch { "Input.Email" => "#email-error", "Input.Password" => "#password-error", _ => "#name-error" })?.TextContent;
        Assert.False(string.IsNullOrWhiteSpace(error), $"no message next to {field}");
    }

    [Fact]
    public async Task Register_WithOversizedInput_ExplainsWithoutFailing()
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = new string('a', 5000) + "@example.test",
            ["Input.DisplayName"] = new string('名', 61),
            ["Input.Password"] = new string('x', 300),
            ["Input.TimeZone"] = new string('z', 10000),
        };

        var response = await factory.NewClient().SubmitFormAsync("/account/register", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("60 characters or fewer", body, StringComparison.Ordinal);
        Assert.Contains("256 characters or fewer", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithEmojiAndRightToLeftName_IsKeptAsTyped()
    {
        var email = NewEmail();
        var name = "  سارا 🌷  ";

        var response = await RegisterAsync(factory.NewClient(), email, name);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("سارا 🌷", (await FindPersonAsync(factory, email)).DisplayName);
    }

    [Fact]
    public async Task ConfirmEmail_WithATamperedCode_SaysTheLinkDidNotWork()
    {
        var email = NewEmail();
        var client = factory.NewClient();
        await RegisterAsync(client, email);
        var link = Mailbox.LatestLink(factory, email);
        var tampered = link.Replace("code=", "code=AAAA", StringComparison.Ordinal);

        var response = await client.SubmitFormAsync(tampered, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This link didn&#x27;t work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await FindPersonAsync(factory, email)).EmailConfirmed);
    }

    [Theory]
    [InlineData("/account/confirm-email?userId=nope&code=%00%00")]
    [InlineData("/account/confirm-email?userId=00000000-0000-0000-0000-000000000000&code=!!!")]
    [InlineData("/account/reset-password?userId=%00&code=")]
    public async Task EmailLinks_WithGarbage_AnswerCalmly(string url)
    {
        var response = await factory.NewClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This link didn&#x27;t work", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResendConfirmation_ForAnyAddress_AnswersTheSame()
    {
        var waiting = NewEmail();
        await RegisterAsync(factory.NewClient(), waiting);
        var unknown = NewEmail();

        var forWaiting = await factory.NewClient().SubmitFormAsync("/account/resend-confirmation",
            new Dictionary<string, string> { ["Input.Email"] = waiting });
        var forUnknown = await factory.NewClient().SubmitFormAsync("/account/resend-confirmation",
            new Dictionary<string, string> { ["Input.Email"] = unknown });

        Assert.Equal(forWaiting.StatusCode, forUnknown.StatusCode);
        Assert.Equal(Location(forWaiting), Location(forUnknown));
        Assert.Equal(2, Mailbox.For(factory, waiting).Count);
        Assert.Empty(Mailbox.For(factory, unknown));
    }
}
