using System.Text.RegularExpressions;
using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 2 end to end, in real browsers: register, confirm, sign in, make a space, invite, and the other
/// person registers through the invitation and joins; a third person cannot reuse the link, an outsider sees nothing.
/// </summary>
public sealed partial class InvitationJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private const string Password = "a long and quiet evening";

    [Fact]
    public Task Invitation_WhenTheOtherRegistersThroughTheLink_BothShareTheSpaceAndNobodyElseGetsIn() => RunAsync(async () =>
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var amalEmail = $"amal-{tag}@example.test";
        var samEmail = $"sam-{tag}@example.test";

        // A: registers, confirms and signs in on a desktop.
        var amal = await OpenPageAsync(Viewport.Desktop);
        await VisitAsync(amal, "/account/register");
        await RegisterConfirmAndSignInAsync(amal, amalEmail, "Amal");
        await Expect(amal).ToHaveURLAsync(new Uri(Server.BaseUrl, "/").ToString());
        await AssertAccessibleAsync(amal);

        // A: makes the space and a one-time invitation link.
        await VisitAsync(amal, "/spaces/new");
        await amal.GetByRole(AriaRole.Radio, new() { Name = "Partners" }).CheckAsync();
        await amal.GetByLabel("What shall we call it?").FillAsync("Amal and Sam");
        await amal.GetByRole(AriaRole.Button, new() { Name = "Create the space" }).ClickAsync();
        // Creating the space leads straight to inviting the other person.
        await Expect(amal).ToHaveURLAsync(InviteUrl());
        var bondId = Guid.Parse(InviteUrl().Match(amal.Url).Groups[1].Value);
        await Expect(amal.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invite the other person");
        await AssertAccessibleAsync(amal);
        await VisitAsync(amal, $"/spaces/{bondId}");
        await Expect(amal.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Amal and Sam");
        await Expect(amal.GetByText("Just you for now.")).ToBeVisibleAsync();

        await amal.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Make an invitation link" }).ClickAsync();
        await Expect(amal).ToHaveURLAsync(InviteUrl());
        await Expect(amal.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Invite the other person");
        await AssertAccessibleAsync(amal);
        await amal.GetByRole(AriaRole.Button, new() { Name = "Make an invitation link" }).ClickAsync();
        var linkBox = amal.GetByRole(AriaRole.Textbox, new() { Name = "Invitation link" });
        await Expect(linkBox).ToHaveAttributeAsync("readonly", "");
        var invitation = await amal.Locator("#invite-link").InputValueAsync();
        var joinPath = new Uri(invitation).PathAndQuery;
        Assert.Matches("^/join/[^/?]+$", joinPath);
        await AssertAccessibleAsync(amal);

        // B: on a phone, opens the link anonymously, creates an account from it and comes back to join.
        var sam = await OpenPageAsync(Viewport.Phone);
        await VisitAsync(sam, joinPath);
        await Expect(sam.GetByText("Amal has invited you to share a space with them in Corner.")).ToBeVisibleAsync();
        await Expect(sam.GetByRole(AriaRole.Button, new() { Name = "Join the space" })).ToHaveCountAsync(0);
        await sam.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Expect(sam).ToHaveURLAsync(new Regex("/account/register\\?returnUrl=", RegexOptions.IgnoreCase));
        await AssertAccessibleAsync(sam);
        await AssertNoHorizontalScrollAsync(sam);
        await RegisterConfirmAndSignInAsync(sam, samEmail, "Sam");
        await Expect(sam).ToHaveURLAsync(new Uri(Server.BaseUrl, joinPath).ToString());
        await AssertAccessibleAsync(sam);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Join the space" }).ClickAsync();
        await Expect(sam).ToHaveURLAsync(new Uri(Server.BaseUrl, $"/spaces/{bondId}").ToString());
        await Expect(sam.GetByText("Welcome in. You've joined the space.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(sam);
        await AssertNoHorizontalScrollAsync(sam);

        // Both see the shared space with the other's name.
        await VisitAsync(sam, $"/spaces/{bondId}");
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Amal and Sam");
        await Expect(sam.GetByText("You and Amal")).ToBeVisibleAsync();
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Check-ins", Level = 2 })).ToBeVisibleAsync();
        await Expect(sam.GetByText("Amal started this space.")).ToBeVisibleAsync();
        await VisitAsync(amal, $"/spaces/{bondId}");
        await Expect(amal.GetByText("You and Sam")).ToBeVisibleAsync();
        await Expect(amal.GetByRole(AriaRole.Heading, new() { Name = "Check-ins", Level = 2 })).ToBeVisibleAsync();
        await Expect(amal.GetByText("Sam joined.")).ToBeVisibleAsync();

        // C: an existing, confirmed person signed in, tries the used link: a clear refusal, and no way in.
        var casey = await CreatePersonAsync("Casey");
        var caseyPage = await OpenPageAsAsync(casey);
        await VisitAsync(caseyPage, joinPath, 410);
        await Expect(caseyPage.GetByRole(AriaRole.Alert)).ToHaveTextAsync("This invitation link has already been used. Each link works only once.");
        await Expect(caseyPage.GetByRole(AriaRole.Button, new() { Name = "Join the space" })).ToHaveCountAsync(0);
        await VisitAsync(caseyPage, $"/spaces/{bondId}", 404);
        await VisitAsync(caseyPage, "/");
        await Expect(caseyPage.GetByRole(AriaRole.Main).GetByText("Amal and Sam")).ToHaveCountAsync(0);

        // D: an outsider signed in cannot see the space at all.
        var dana = await CreatePersonAsync("Dana");
        var danaPage = await OpenPageAsAsync(dana, Viewport.Phone);
        await VisitAsync(danaPage, $"/spaces/{bondId}", 404);
        await Expect(danaPage.GetByText("Amal and Sam")).ToHaveCountAsync(0);
    });

    /// <summary>Registers on the open register page, confirms from the newest email and signs in.</summary>
    private async Task RegisterConfirmAndSignInAsync(IPage page, string email, string name)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create your account");
        // The browser's own zone (the context runs in Europe/London), filled in by the page's script.
        await Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/London");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("What should we call you?").FillAsync(name);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await AssertAccessibleAsync(page);

        var link = await EmailLinkAsync(email);
        Assert.StartsWith("/account/confirm-email?", link, StringComparison.Ordinal);
        await VisitAsync(page, link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Confirm your email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your email is confirmed");
        await AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await AssertAccessibleAsync(page);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Sign in");
    }

    /// <summary>The newest email's link, allowing a moment for the message to be written.</summary>
    private async Task<string> EmailLinkAsync(string email)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return LatestEmailLink(email);
            }
            catch (InvalidOperationException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static Regex InviteUrl() => InviteUrlPattern();

    [GeneratedRegex("/spaces/([0-9a-f-]{36})/invite$")]
    private static partial Regex InviteUrlPattern();
}
