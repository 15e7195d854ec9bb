using System.Net;
using System.Net.Http.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Security;
using static Corner.IntegrationTests.Features.Accounts.AccountSteps;

namespace Corner.IntegrationTests.Features.Accounts;

[Collection(AppCollection.Name)]
public sealed class SignInTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SignInPage_HasLabelledEmailAndPasswordFields()
    {
        var page = await factory.NewClient().GetPageAsync("/account/sign-in");

        var form = page.Forms.First(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(form.QuerySelector("input[name='Input.Email']"));
        Assert.NotNull(form.QuerySelector("input[name='Input.Password'][type='password']"));
        Assert.Equal("Email", page.QuerySelector("label[for='Input_Email']")!.TextContent.Trim());
        Assert.Equal("Password", page.QuerySelector("label[for='Input_Password']")!.TextContent.Trim());
    }

    [Fact]
    public async Task SignIn_WithRightPassword_SignsInAndAuditsIt()
    {
        var person = await factory.CreatePersonAsync();
        var client = factory.NewClient();

        var response = await SignInAsync(client, person.Email, person.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
        Assert.True(await IsSignedInAsync(client));
        Assert.Equal(1, await CountAuditAsync(factory, AuditKinds.SignInSucceeded, person.Id));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccountEvenForTheRightOne()
    {
        var person = await factory.CreatePersonAsync();
        var client = factory.NewClient();

        for (var i = 0; i < 5; i++)
            await SignInAsync(client, person.Email, "wrong guess number " + i);
        var response = await SignInAsync(client, person.Email, person.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("paused for a little while", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await IsSignedInAsync(client));
        Assert.Equal(4, await CountAuditAsync(factory, AuditKinds.SignInFailed, person.Id));
        Assert.True(await CountAuditAsync(factory, AuditKinds.SignInLockedOut, person.Id) >= 2);
        Assert.Equal(0, await CountAuditAsync(factory, AuditKinds.SignInSucceeded, person.Id));
    }

    [Fact]
    public async Task SignIn_WithUnknownEmail_SaysNoMatchAndAuditsWithoutAPerson()
    {
        var before = await CountAuditAsync(factory, AuditKinds.SignInFailed, null);

        var response = await SignInAsync(factory.NewClient(), NewEmail(), "whatever it may be");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("don&#x27;t match an account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await CountAuditAsync(factory, AuditKinds.SignInFailed, null));
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task SignIn_WithAnExternalReturnUrl_GoesHomeInstead(string returnUrl)
    {
        var person = await factory.CreatePersonAsync();

        var response = await SignInAsync(factory.NewClient(), person.Email, person.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", Location(response));
    }

    [Fact]
    public async Task SignIn_Cookies_AreHostPrefixedSecureAndHttpOnly()
    {
        var person = await factory.CreatePersonAsync();

        var response = await SignInAsync(factory.NewClient(), person.Email, person.Password);

        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        var session = Assert.Single(cookies, c => c.StartsWith("__Host-corner=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", session, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", session, StringComparison.OrdinalIgnoreCase);
        Assert.All(cookies, c => Assert.StartsWith("__Host-", c, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("‮@example.test", "‮‮‮‮‮‮‮‮")]
    [InlineData("😀@example.test", "😀😀😀😀😀😀😀😀")]
    [InlineData("<script>@example.test", "<b>bold</b>")]
    public async Task SignIn_WithOddInput_AnswersCalmly(string email, string password)
    {
        var response = await SignInAsync(factory.NewClient(), email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("don&#x27;t match an account", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithANullByte_ShowsTheFormAgainWithAClearMessage()
    {
        var response = await SignInAsync(factory.NewClient(), "x@example.test", "pass\0word");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("don&#x27;t match an account", body, StringComparison.Ordinal);
        Assert.Contains("x@example.test", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WithOversizedInput_AnswersCalmly()
    {
        var response = await SignInAsync(factory.NewClient(), new string('e', 100_000) + "@example.test", new string('p', 100_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_ByPost_EndsTheSessionButAGetDoesNot()
    {
        var person = await factory.CreatePersonAsync();
        var client = factory.NewClient();
        await SignInAsync(client, person.Email, person.Password);

        var get = await client.GetAsync("/account/sign-out");
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.True(await IsSignedInAsync(client));

        // The layout's own button, exactly as it is on every page.
        var signOut = await client.SubmitFormAsync("/account", new Dictionary<string, string>(), formAction: "/account/sign-out");
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.False(await IsSignedInAsync(client));
    }

    [Fact]
    public async Task SignIn_WhenRateLimited_Answers429WithAReadablePage()
    {
        await using var limited = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:RateLimits:sign-in"] = "3" });
        var client = limited.NewClient();

        HttpResponseMessage? response = null;
        for (var i = 0; i < 6; i++)
        {
            response = await client.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "someone@example.test",
                ["Input.Password"] = "guess " + i,
            }));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                break;
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, response!.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("h1")?.TextContent));
        Assert.True(response.Headers.Contains("Retry-After"));
        var api = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = "someone@example.test", password = "guess" });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
    }
}
