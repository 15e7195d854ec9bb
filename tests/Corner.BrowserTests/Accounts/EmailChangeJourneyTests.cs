using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Accounts;

/// <summary>Issue 14, item 6, on a phone: a person changes their email from the account page, a wrong password is
/// explained without losing the address they typed, and the link at the new address makes the change.</summary>
public sealed class EmailChangeJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task ChangingYourEmail_FromTheAccountPage_IsConfirmedFromTheNewInbox() => RunAsync(async () =>
    {
        var sam = await CreatePersonAsync("Sam");
        var newEmail = $"{Guid.NewGuid():N}@example.test";

        var page = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(page, "/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Change it" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your email address" })).ToBeVisibleAsync();

        await page.GetByLabel("New email address").FillAsync(newEmail);
        await page.GetByLabel("Current password").FillAsync("not my password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.GetByText("That isn't your current password.").First).ToBeVisibleAsync();
        await Expect(page.GetByLabel("New email address")).ToHaveValueAsync(newEmail);
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, "email-change-error-390");

        await page.GetByLabel("Current password").FillAsync(sam.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Check the inbox of your new address" })).ToBeVisibleAsync();

        await VisitAsync(page, Server.LatestEmailLink(newEmail));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Use this address for Corner?" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await SaveScreenshotAsync(page, "email-change-confirm-390");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, use this address" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your email address is changed" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to your account" }).ClickAsync();
        await Expect(page.Locator("main")).ToContainTextAsync(newEmail);
    });
}
