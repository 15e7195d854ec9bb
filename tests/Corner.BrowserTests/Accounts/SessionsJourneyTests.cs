using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Accounts;

/// <summary>Issue 14, item 1, on a phone: a person sees the laptop they signed in on in the privacy centre, signs it
/// out from the phone, and the laptop is asked to sign in again at its next check.</summary>
public sealed class SessionsJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task SigningOutTheLaptop_FromThePhone_EndsItThere() => RunAsync(async () =>
    {
        var sam = await CreatePersonAsync("Sam");
        var laptop = await OpenPageAsync(Viewport.Desktop);
        await VisitAsync(laptop, "/account/sign-in");
        await laptop.GetByLabel("Email").FillAsync(sam.Email);
        await laptop.GetByLabel("Password", new() { Exact = true }).FillAsync(sam.Password);
        await laptop.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(laptop.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Sign in");

        var phone = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(phone, "/account");
        await phone.GetByRole(AriaRole.Link, new() { Name = "Your privacy and account activity" }).ClickAsync();
        var signedIn = phone.GetByRole(AriaRole.Region, new() { Name = "Where you're signed in" });
        await Expect(signedIn.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(2);
        await Expect(signedIn.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "This browser" })).ToHaveCountAsync(1);
        await AssertAccessibleAsync(phone);
        await AssertNoHorizontalScrollAsync(phone);
        await SaveScreenshotAsync(phone, "privacy-sessions-390");

        await signedIn.GetByRole(AriaRole.Button, new() { Name = "Sign out Chrome on Linux" }).ClickAsync();
        await Expect(phone.GetByText("Signed out. If it's open right now")).ToBeVisibleAsync();
        await Expect(signedIn.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await AssertAccessibleAsync(phone);
        await SaveScreenshotAsync(phone, "privacy-sessions-ended-390");

        // The laptop's cookie is checked again once the security-stamp interval has passed.
        Server.Clock.Advance(TimeSpan.FromMinutes(2));
        await laptop.GotoAsync("/account");
        await Expect(laptop.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
    });
}
