using Corner.BrowserTests.Support;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Corner.BrowserTests.Journeys;

/// <summary>
/// Issue 5 end to end: an ask for backing, the moment recorded after its day through the five steps, the
/// check-in question reaching the backed person's open page live, the answer and the closing word, then a
/// missed moment responded to and repaired by both, and the timeline holding all of it.
/// </summary>
public sealed class MomentsJourneyTests(CornerServer server, Chromium chromium, ITestOutputHelper output)
    : BrowserTest(server, chromium, output)
{
    private static readonly TimeSpan Live = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Moment_FromAnAskThroughFiveStepsAndAMissedMomentRepaired_ReachesBothLiveAndFillsTheTimeline() => RunAsync(async () =>
    {
        var amal = await CreatePersonAsync("Amal");
        var sam = await CreatePersonAsync("Sam");
        var bond = await CreateSpaceAsync("Amal and Sam", amal, sam);
        var today = await Server.InScopeAsync(null, sp => sp.GetRequiredService<PersonalDay>().TodayAsync(amal.Id));

        // A asks for backing on a day two days from now.
        var asking = await OpenPageAsAsync(amal, Viewport.Phone);
        await VisitAsync(asking, $"/spaces/{bond}/asks/new");
        await asking.GetByLabel("What's happening that day?").FillAsync("Dinner with my family");
        await asking.GetByLabel("What would help from Sam? (optional)").FillAsync("If the talk turns to my job, please step in");
        await asking.GetByLabel("Which day?").FillAsync(today.AddDays(2).ToString("yyyy-MM-dd"));
        await asking.GetByRole(AriaRole.Button, new() { Name = "Ask Sam" }).ClickAsync();
        await Expect(asking.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sam will see your ask" })).ToBeVisibleAsync();
        await Expect(asking.Locator(".timeline").GetByText("Dinner with my family")).ToBeVisibleAsync();
        await AssertAccessibleAsync(asking);
        // This page's sign-in is issued at real time; after the clock moves on, A signs in afresh.
        await asking.GotoAsync("about:blank");

        // Three days later, after the dinner.
        Server.Clock.Advance(TimeSpan.FromDays(3));
        var amalPage = await OpenPageAtServerTimeAsync(amal, Viewport.Phone);
        var samPage = await OpenPageAtServerTimeAsync(sam);

        // A keeps the space's moments open.
        await VisitAsync(amalPage, $"/spaces/{bond}/moments");
        await WaitUntilLiveAsync(amalPage);
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // B is invited to record how it went, and goes through the first three steps.
        await VisitAsync(samPage, $"/spaces/{bond}");
        await samPage.Locator(".waiting").GetByRole(AriaRole.Link, new() { Name = "The day Amal asked you about has passed. How did it go?" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Record a moment");
        await AssertAccessibleAsync(samPage);
        await Expect(samPage.GetByLabel("What was the situation?")).ToHaveValueAsync("Dinner with my family");
        await samPage.GetByLabel("What did you notice in Amal?").FillAsync("Your shoulders went up when your uncle asked about work");
        await samPage.GetByLabel("How did you stand with Amal?").FillAsync("I said I was proud of what you do");
        await samPage.GetByLabel("What did you do then and there?").FillAsync("I asked your aunt about her garden");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save and ask how it was" }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Amal will be asked whether it helped." })).ToBeVisibleAsync();
        await Expect(samPage.Locator(".steps--progress .step--done")).ToHaveCountAsync(3);
        await AssertAccessibleAsync(samPage);
        await WaitUntilLiveAsync(samPage);

        // A's open page shows the check-in question without a reload.
        var amalRegion = amalPage.Locator("#live-region");
        var answerLink = amalRegion.GetByRole(AriaRole.Link, new() { Name = "Did it help? Answer Sam" });
        await Expect(answerLink).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");
        await AssertAccessibleAsync(amalPage);

        // A answers "partly", with what more would have helped.
        await answerLink.ClickAsync();
        await Expect(amalPage.GetByText("I asked your aunt about her garden")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByRole(AriaRole.Radio, new() { Name = "Partly" }).CheckAsync();
        await amalPage.GetByLabel("Was there something more Sam could have done? (optional)").FillAsync("Sit next to me, not across the table");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sam will see your answer." })).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("You said: it partly helped.")).ToBeVisibleAsync();
        await Expect(amalPage.Locator("#check-in").GetByText("Sit next to me, not across the table")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await WaitUntilLiveAsync(amalPage);
        await amalPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        // B sees the answer arrive, and closes with a word of their own in place of the suggestion.
        await Expect(samPage.GetByText("Amal said: it partly helped.")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(samPage.GetByText("Sit next to me, not across the table")).ToBeVisibleAsync();
        var closing = samPage.GetByLabel("A closing word for Amal");
        await Expect(closing).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("got your back"));
        await closing.FillAsync("Next time I'll be right beside you. I've always got your back.");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Amal will see your words." })).ToBeVisibleAsync();
        await Expect(samPage.Locator(".steps--progress .step--done")).ToHaveCountAsync(5);
        await AssertAccessibleAsync(samPage);

        // A sees it, live.
        await Expect(amalPage.Locator("#reinforce").GetByText("Next time I'll be right beside you. I've always got your back."))
            .ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        Assert.True(await amalPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "Amal's page was reloaded");

        // B writes about a missed moment.
        await VisitAsync(samPage, $"/spaces/{bond}/missed/new");
        await samPage.GetByRole(AriaRole.Radio, new() { Name = "I should have had Amal's back" }).CheckAsync();
        await samPage.GetByLabel("When was it, and what happened?").FillAsync("On the phone with the landlord I let you argue alone");
        await samPage.GetByRole(AriaRole.Checkbox, new() { Name = "Stress was taking up all the room" }).CheckAsync();
        await samPage.GetByLabel("Anything more on why? (optional)").FillAsync("I was tired and thought you had it handled");
        await samPage.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(samPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Amal can respond when they're ready." })).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await WaitUntilLiveAsync(samPage);

        // A finds it waiting, responds and marks it repaired.
        await VisitAsync(amalPage, $"/spaces/{bond}");
        await Expect(amalPage.Locator(".space-moments").GetByText("Missed moments still open")).ToBeVisibleAsync();
        await amalPage.Locator(".waiting").GetByRole(AriaRole.Link, new() { Name = "Sam wrote about a missed moment and would like your response." }).ClickAsync();
        await Expect(amalPage.GetByText("On the phone with the landlord I let you argue alone")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await amalPage.GetByLabel("Your response to Sam").FillAsync("Thank you for saying it. Next time, stand with me.");
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "Send my response" }).ClickAsync();
        await Expect(amalPage.GetByRole(AriaRole.Status).Filter(new() { HasText = "Sam will see your response." })).ToBeVisibleAsync();
        await amalPage.GetByRole(AriaRole.Button, new() { Name = "It feels repaired to me" }).ClickAsync();
        await Expect(amalPage.GetByText("You've marked it repaired.")).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Sam hasn't marked it repaired yet.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await WaitUntilLiveAsync(amalPage);

        // B's open page shows the response and A's mark; B marks it too, and both see it repaired.
        await Expect(samPage.GetByText("Thank you for saying it. Next time, stand with me.")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await Expect(samPage.GetByText("Amal has marked it repaired.")).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });
        await samPage.GetByRole(AriaRole.Button, new() { Name = "It feels repaired to me" }).ClickAsync();
        await Expect(samPage.GetByText("Repaired together on", new() { Exact = false })).ToBeVisibleAsync();
        await AssertAccessibleAsync(samPage);
        await Expect(amalPage.GetByText("Repaired together on", new() { Exact = false })).ToBeVisibleAsync(new() { Timeout = (float)Live.TotalMilliseconds });

        // The timeline holds all of it, and can be filtered.
        await VisitAsync(amalPage, $"/spaces/{bond}/moments");
        var timeline = amalPage.Locator(".timeline");
        await Expect(timeline.GetByRole(AriaRole.Heading, new() { Name = "Dinner with my family" })).ToHaveCountAsync(2);
        await Expect(timeline.GetByRole(AriaRole.Link, new() { Name = "See how it went" })).ToBeVisibleAsync();
        await Expect(timeline.GetByText("All five steps done")).ToBeVisibleAsync();
        await Expect(timeline.GetByText("Repaired together")).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Moments of backing each other: 1")).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Check-ins answered \"yes, it helped\": 0 of 1")).ToBeVisibleAsync();
        await Expect(amalPage.GetByText("Repairs made together: 1")).ToBeVisibleAsync();
        await amalPage.GetByRole(AriaRole.Link, new() { Name = "Missed moments", Exact = true }).ClickAsync();
        await Expect(amalPage.Locator(".timeline > li")).ToHaveCountAsync(1);
        await Expect(amalPage.Locator(".timeline").GetByText("On the phone with the landlord I let you argue alone")).ToBeVisibleAsync();
        await AssertAccessibleAsync(amalPage);
        await AssertNoHorizontalScrollAsync(amalPage);
    });

    /// <summary>A signed-in page whose cookie is issued at the server's (moved-on) time, so it is not already expired there.</summary>
    private async Task<IPage> OpenPageAtServerTimeAsync(TestPerson person, Viewport? viewport = null)
    {
        var page = await OpenPageAsync(viewport);
        var cookie = await Server.InScopeAsync(null, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<Person>>();
            var signIn = sp.GetRequiredService<SignInManager<Person>>();
            var user = await users.FindByIdAsync(person.Id.ToString()) ?? throw new InvalidOperationException("No such person");
            var principal = await signIn.CreateUserPrincipalAsync(user);
            var options = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
            var now = Server.Clock.GetUtcNow();
            var ticket = new AuthenticationTicket(principal,
                new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now.AddHours(1) }, IdentityConstants.ApplicationScheme);
            return options.TicketDataFormat.Protect(ticket);
        });
        await page.Context.AddCookiesAsync([new Cookie
        {
            Name = "__Host-corner",
            Value = cookie,
            Url = Server.BaseUrl.GetLeftPart(UriPartial.Authority) + "/",
            Secure = true,
            HttpOnly = true,
            SameSite = SameSiteAttribute.Lax,
        }]);
        return page;
    }

    private static Task WaitUntilLiveAsync(IPage page) =>
        Expect(page.Locator("#live-status")).ToHaveAttributeAsync("data-live", "open");
}
