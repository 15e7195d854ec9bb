using Corner.BrowserTests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Accounts;

/// <summary>Issue 14, item 4, on a phone: a person reads what deleting does, signs in again and deletes; the other
/// person, who is told nothing, finds the calm closed notice when they next open the space.</summary>
public sealed class AccountDeletionJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task DeletingAnAccount_FromTheAccountPage_ClosesTheSpaceForTheOtherPersonWithACalmNotice() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);

        var page = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(page, "/account");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete your account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Delete your account", Exact = true })).ToBeVisibleAsync();
        await Expect(page.Locator("main")).ToContainTextAsync("Amal and Sam");

        // Without the tick, nothing happens and the page says why; the password is asked for again.
        await page.GetByLabel("Current password").FillAsync(sam.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.GetByText("Tick the box to say you understand.").First).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, "delete-account-error-390");

        await page.GetByLabel("Current password").FillAsync(sam.Password);
        await page.GetByLabel("I understand that my words are destroyed for good.").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete my account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account is deleted" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        await SaveScreenshotAsync(page, "account-deleted-390");

        // Amal opens the space: a closed notice, which names nobody and says nothing more.
        var amalPage = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        await VisitAsync(amalPage, $"/spaces/{bond}");
        await Expect(amalPage.Locator("main .notice[role=status]")).ToContainTextAsync("This space is closed now");
        await Expect(amalPage.Locator("main .notice[role=status]")).Not.ToContainTextAsync("Sam");
        await Expect(amalPage.Locator("main")).ToContainTextAsync("The other person left.");
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);
        await SaveScreenshotAsync(amalPage, "space-closed-after-deletion-390");
    });
}
