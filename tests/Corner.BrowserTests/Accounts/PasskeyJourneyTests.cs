using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Accounts;

/// <summary>
/// Issue 15, defect 1: a real browser adds a passkey and signs in with it. Chromium's virtual authenticator
/// (DevTools WebAuthn domain) stands in for a fingerprint reader, so the browser itself sets Origin and
/// Referer exactly as it would for a person — nothing here sets a header by hand.
/// </summary>
public sealed class PasskeyJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task Passkey_WhenAddedInTheBrowser_SignsInWithoutAPassword() => RunAsync(async () =>
    {
        var noor = await CreatePersonAsync("Noor");
        var page = await OpenPageAsAsync(noor, Viewport.Phone);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        var authenticatorId = added!.Value.GetProperty("authenticatorId").GetString()!;

        await VisitAsync(page, "/account/passkeys");
        await page.GetByLabel("Name (optional)").FillAsync("My phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByText("Your passkey is added.")).ToBeVisibleAsync();
        await Expect(page.GetByText("My phone", new() { Exact = true })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);

        await VisitAsync(page, "/account/sign-out");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You're signed out. See you soon.")).ToBeVisibleAsync();

        await VisitAsync(page, "/account/sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use a passkey" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));

        // Signed in as Noor, with nobody having typed a password: the account page answers instead of sign-in.
        await VisitAsync(page, "/account");
        Assert.DoesNotContain("/account/sign-in", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByText(noor.Email)).ToBeVisibleAsync();
        Assert.Equal("", await page.EvaluateAsync<string>("() => Array.from(document.querySelectorAll('input[type=password]')).map(i => i.value).join('')"));

        // The one passkey on the authenticator is the one Corner stored, and it has been used to sign in.
        var credentials = (await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId }))!
            .Value.GetProperty("credentials");
        Assert.Equal(1, credentials.GetArrayLength());
        Assert.True(credentials[0].GetProperty("signCount").GetInt32() >= 1, "the passkey was never used to sign in");
    });
}
