using System.Net;
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
}
