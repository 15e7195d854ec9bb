using System.Net;
using System.Net.Http.Json;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Accounts;

/// <summary>The privacy centre (/account/privacy): what is held, and the person's own account activity.</summary>
[Collection(AppCollection.Name)]
public sealed class PrivacyCentreTests(CornerAppFactory factory)
{
    private Task RecordAsync(Guid personId, string kind, int times = 1, string? detail = null) =>
        factory.InScopeAsync(null, sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            for (var i = 0; i < times; i++)
                db.AuditEvents.Add(new AuditEvent { Kind = kind, PersonId = personId, OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-times + i), Detail = detail });
            return Task.FromResult(0);
        });

    [Fact]
    public async Task NewPerson_SeesAKindSentence_NotAnEmptyList()
    {
        var person = await factory.CreatePersonAsync();
        var page = await (await factory.SignedInClientAsync(person)).GetPageAsync("/account/privacy");

        Assert.Contains("Nothing to show yet", page.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-privacy-activity]"));
        Assert.NotNull(page.QuerySelector("a[href='/account']"));
    }

    [Fact]
    public async Task Activity_ShowsOwnSignInsNewestFirst_NeverAnotherPersonsOrTheDetail()
    {
        var person = await factory.CreatePersonAsync();
        var other = await factory.CreatePersonAsync();
        await RecordAsync(person.Id, AuditKinds.SignInFailed, detail: "203.0.113.7");
        await RecordAsync(person.Id, AuditKinds.SignInSucceeded, detail: "203.0.113.7");
        await RecordAsync(other.Id, AuditKinds.PasskeyAdded);

        var page = await (await factory.SignedInClientAsync(person)).GetPageAsync("/account/privacy");

        var items = page.QuerySelectorAll("[data-privacy-activity] li").Select(li => li.TextContent).ToList();
        Assert.Equal(2, items.Count);
        Assert.Contains("Signed in", items[0], StringComparison.Ordinal);
        Assert.Contains("didn", items[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Passkey added", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activity_ShowsFiftyAtATime_WithALinkToOlder()
    {
        var person = await factory.CreatePersonAsync();
        await RecordAsync(person.Id, AuditKinds.SignInSucceeded, times: 52);
        var client = await factory.SignedInClientAsync(person);

        var first = await client.GetPageAsync("/account/privacy");
        Assert.Equal(50, first.QuerySelectorAll("[data-privacy-activity] li").Length);
        var older = first.QuerySelector("a[href^='/account/privacy?before=']")!.GetAttribute("href")!;

        var second = await client.GetPageAsync(older);
        Assert.Equal(2, second.QuerySelectorAll("[data-privacy-activity] li").Length);
        Assert.Null(second.QuerySelector("a[href^='/account/privacy?before=']"));
    }

    [Fact]
    public async Task SignedOut_IsNotShownThePage()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/account/privacy");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AccountPageAndFooter_LinkToIt()
    {
        var person = await factory.CreatePersonAsync();
        var page = await (await factory.SignedInClientAsync(person)).GetPageAsync("/account");
        Assert.NotNull(page.QuerySelector("main a[href='/account/privacy'], .card a[href='/account/privacy']"));
        Assert.NotNull(page.QuerySelector(".site-footer a[href='/account/privacy']"));
    }

    [Fact]
    public async Task WhatIsHeld_CountsYourOwnEntriesPerSpace_NeverTheOtherPersons()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bond = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        var anaClient = await factory.SignedInClientAsync(ana);
        var benClient = await factory.SignedInClientAsync(ben);
        Assert.True((await anaClient.PostApiCheckInAsync(CheckInsTestKit.ApiCheckIn(["mad.annoyed"], "shared words", shareWith: bond))).IsSuccessStatusCode);
        Assert.True((await benClient.PostApiCheckInAsync(CheckInsTestKit.ApiCheckIn(["peaceful.content"], "kept words"))).IsSuccessStatusCode);
        Assert.True((await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/appreciations", new { kind = "appreciate", words = "ana's thanks" })).IsSuccessStatusCode);
        Assert.True((await benClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/appreciations", new { kind = "appreciate", words = "ben's thanks" })).IsSuccessStatusCode);
        Assert.True((await benClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/appreciations", new { kind = "admire", words = "ben's admiration" })).IsSuccessStatusCode);

        var anaPage = await anaClient.GetPageAsync("/account/privacy");
        var benPage = await benClient.GetPageAsync("/account/privacy");

        Assert.Contains("Check-ins you've made, shared or not: 1", anaPage.QuerySelector("[data-held-check-ins]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(
            [("Check-ins shared here", "1"), ("Appreciations you sent", "1")],
            Rows(anaPage.QuerySelector($"[data-held-space='{bond}']")!));
        Assert.Contains("Ana and Ben", anaPage.QuerySelector($"[data-held-space='{bond}'] caption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Check-ins you've made, shared or not: 1", benPage.QuerySelector("[data-held-check-ins]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([("Appreciations you sent", "2")], Rows(benPage.QuerySelector($"[data-held-space='{bond}']")!));
        Assert.DoesNotContain("thanks", anaPage.Body!.TextContent, StringComparison.Ordinal);
    }

    private static List<(string, string)> Rows(AngleSharp.Dom.IElement table) =>
        [.. table.QuerySelectorAll("tr").Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), tr.QuerySelector("td")!.TextContent.Trim()))];

    [Fact]
    public async Task WhatIsHeld_WithNoSpaces_SaysSoKindly()
    {
        var person = await factory.CreatePersonAsync();
        var page = await (await factory.SignedInClientAsync(person)).GetPageAsync("/account/privacy");

        Assert.Contains("Check-ins you've made, shared or not: 0", page.QuerySelector("[data-held-check-ins]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("You're not in a space yet", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("[data-held-space]"));
    }

    [Fact]
    public async Task Activity_ListsTrustScreenPasses()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bond = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        var client = await factory.SignedInClientAsync(ana);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/spaces/{bond}/map/trust", new { })).StatusCode);

        var page = await client.GetPageAsync("/account/privacy");

        Assert.Contains("Agreed to hold the other person's map answers as a trust",
            page.QuerySelector("[data-privacy-activity]")!.TextContent, StringComparison.Ordinal);
    }
}
