using Corner.BrowserTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>Issue 12 with three people: Amal proposes an outside view, Sam agrees to exactly it, their counsellor reads
/// the week, and Sam ends it while the counsellor's page is open.</summary>
public sealed class CounsellorJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    [Fact]
    public Task AGrantBothAgreedTo_ShowsTheWeek_AndRevokingClosesTheCounsellorsOpenPage() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var counsellor = await CreatePersonAsync("Dr Okafor");
        await Server.InScopeAsync(null, async sp => await sp.GetRequiredService<CornerDbContext>().Users.Where(p => p.Id == counsellor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Kind, PersonKinds.Counsellor).SetProperty(p => p.TwoFactorEnabled, true)
                .SetProperty(p => p.PracticeName, "Riverside Practice")));
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        foreach (var (person, note, supported) in new[] { (amal, "a long day, glad to be home", 4), (sam, "felt unheard at dinner", 2) })
            await Server.InScopeAsync(person.Id, async sp => (await sp.GetRequiredService<CheckInRecorder>().SaveAsync(person.Id,
                new CheckInInput(["peaceful.calm"], [], 3, note, [new ShareChoice(bond, supported)]))).Saved!.CheckInId);

        // Amal proposes two parts on her phone.
        var amalPage = await OpenPageAsAsync(amal, Viewport.TouchPhone);
        await VisitAsync(amalPage, $"/spaces/{bond}/counsellor");
        await AssertNoHorizontalScrollAsync(amalPage);
        await SaveScreenshotAsync(amalPage, "counsel-propose-390");
        await amalPage.GetByLabel("The counsellor's email address").FillAsync("okafor@example.test");
        await amalPage.GetByRole(AriaRole.Checkbox, new() { Name = "Shared check-ins" }).CheckAsync();
        await amalPage.GetByLabel("What it's for (optional)").FillAsync("Between our Thursday sessions");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Heading, new() { Name = "The link is ready" })).ToBeVisibleAsync();
        var link = await amalPage.Locator("#counsel-link").InputValueAsync();
        await Expect(amalPage.GetByText("Waiting for Sam to say yes.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await SaveScreenshotAsync(amalPage, "counsel-proposed-390");

        // Sam sees it waiting, and exactly those two parts.
        var samPage = await OpenPageAsAsync(sam, Viewport.TouchPhone);
        await VisitAsync(samPage, $"/spaces/{bond}");
        await samPage.GetByRole(AriaRole.Link, new() { Name = "A counsellor invitation waits for your yes" }).ClickAsync();
        var grant = samPage.Locator("article.card[data-grant-state]").First;
        await Expect(grant.Locator("dd ul li")).ToHaveTextAsync(["Check-in trends", "Shared check-ins"]);
        await AssertAccessibleAsync(samPage);
        await AssertNoHorizontalScrollAsync(samPage);
        await SaveScreenshotAsync(samPage, "counsel-consent-390");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Yes, I agree to exactly this" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Your yes is on the record." })).ToBeVisibleAsync();

        // The counsellor takes the link and reads the week.
        var counsellorPage = await OpenPageAsAsync(counsellor, Viewport.TouchPhone);
        await VisitAsync(counsellorPage, new Uri(link).PathAndQuery);
        await counsellorPage.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await Expect(counsellorPage.GetByRole(AriaRole.Heading, new() { Name = "Your couples" })).ToBeVisibleAsync();
        await Expect(counsellorPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "you can open their space now" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(counsellorPage);
        await SaveScreenshotAsync(counsellorPage, "counsel-desk-390");
        await counsellorPage.GetByRole(AriaRole.Link, new() { Name = "Open the between-sessions page" }).ClickAsync();
        await Expect(counsellorPage.GetByText("felt unheard at dinner")).ToBeVisibleAsync();
        await Expect(counsellorPage.GetByText("a long day, glad to be home")).ToBeVisibleAsync();
        await Expect(counsellorPage.GetByText("Between our Thursday sessions")).ToBeVisibleAsync();
        await Expect(counsellorPage.Locator("svg.chart")).ToBeVisibleAsync();
        await AssertAccessibleAsync(counsellorPage);
        await AssertNoHorizontalScrollAsync(counsellorPage);
        await SaveScreenshotAsync(counsellorPage, "counsel-between-sessions-390");
        var openPath = new Uri(counsellorPage.Url).AbsolutePath;

        // Both see the read on the record.
        await VisitAsync(samPage, $"/spaces/{bond}/counsellor");
        await Expect(samPage.Locator("#counsel-reads")).ToContainTextAsync("Dr Okafor read the between-sessions page");
        await SaveScreenshotAsync(samPage, "counsel-active-390");

        // Sam ends it: the counsellor's open page closes its stream and reloads into nothing.
        await counsellorPage.WaitForTimeoutAsync(500);
        ExpectStatus(counsellorPage, openPath, 404);
        await samPage.GetByRole(AriaRole.Button, new() { Name = "End it now" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "From now on the counsellor sees nothing." })).ToBeVisibleAsync();
        await Expect(counsellorPage.GetByRole(AriaRole.Heading, new() { Name = "Nothing here" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(counsellorPage.Locator("main")).Not.ToContainTextAsync("felt unheard at dinner");
        Assert.Equal(0, await counsellorPage.Locator("[data-counsel-grant]").CountAsync());
        await AssertAccessibleAsync(counsellorPage);
        await SaveScreenshotAsync(counsellorPage, "counsel-revoked-390");
    });

    [Fact]
    public Task ACounsellorsOwnPages_ReadWellOnAPhone() => RunAsync(async () =>
    {
        var visitor = await OpenPageAsync(Viewport.TouchPhone);
        await VisitAsync(visitor, "/account/register?as=counsellor");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Join Corner as a counsellor" })).ToBeVisibleAsync();
        await Expect(visitor.GetByLabel("Your practice (optional)")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(visitor);
        await SaveScreenshotAsync(visitor, "counsel-register-390");
        await VisitAsync(visitor, "/counsellor/take/not-a-real-token-at-all");
        await Expect(visitor.GetByRole(AriaRole.Link, new() { Name = "Make a counsellor account" })).ToBeVisibleAsync();
        await SaveScreenshotAsync(visitor, "counsel-take-signed-out-390");

        var counsellor = await CreatePersonAsync("Dr Mensah");
        await Server.InScopeAsync(null, async sp => await sp.GetRequiredService<CornerDbContext>().Users.Where(p => p.Id == counsellor.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Kind, PersonKinds.Counsellor)));
        var page = await OpenPageAsAsync(counsellor, Viewport.TouchPhone);
        await VisitAsync(page, "/");
        Assert.EndsWith("/desk", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await Expect(page.GetByText("Turn on two-step sign-in first")).ToBeVisibleAsync();
        await Expect(page.GetByText("No couple has shared anything with you yet.")).ToBeVisibleAsync();
        await AssertNoHorizontalScrollAsync(page);
        await SaveScreenshotAsync(page, "counsel-desk-empty-390");
    });
}
