using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Infrastructure.Live;

[Collection(AppCollection.Name)]
public sealed class UnreadTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SharedCheckIn_ShowsAsNewInTheNavigation_UntilTheSpacesCheckInsAreOpened()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);
        var samClient = await factory.SignedInClientAsync(sam);
        Assert.Null(await VisibleTotalAsync(samClient));

        await LiveScenario.CheckInAsync(await factory.SignedInClientAsync(amal), "rough day", bond);

        Assert.Equal("1 new", await VisibleTotalAsync(samClient));
        var home = await samClient.GetPageAsync("/");
        var spaceBadge = home.QuerySelector($"[data-live-space='{bond}'] [data-live-count]");
        Assert.NotNull(spaceBadge);
        Assert.Equal($"/spaces/{bond}/check-ins", spaceBadge.GetAttribute("href"));
        Assert.Equal("1 new in Amal and Sam", spaceBadge.GetAttribute("aria-label"));
        Assert.Equal((1, 1), await UnreadJsonAsync(samClient, bond));

        await samClient.ViewPageAsync($"/spaces/{bond}/check-ins");

        Assert.Null(await VisibleTotalAsync(samClient));
        Assert.Null((await samClient.GetPageAsync("/")).QuerySelector($"[data-live-space='{bond}'] [data-live-count]"));
        Assert.Equal((0, 0), await UnreadJsonAsync(samClient, bond));
    }

    [Fact]
    public async Task ReflectionOnMyCheckIn_CountsAsNewForMe_NotForTheOneWhoReflected()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);
        var amalClient = await factory.SignedInClientAsync(amal);
        var samClient = await factory.SignedInClientAsync(sam);
        await LiveScenario.CheckInAsync(amalClient, "tired", bond);
        await amalClient.ViewPageAsync($"/spaces/{bond}/check-ins");
        await samClient.ViewPageAsync($"/spaces/{bond}/check-ins");

        await LiveScenario.ReflectAsync(samClient, bond, await LiveScenario.TodaysCheckInIdAsync(factory, amal), "that sounds heavy");

        Assert.Equal((1, 1), await UnreadJsonAsync(amalClient, bond));
        Assert.Equal((0, 0), await UnreadJsonAsync(samClient, bond));
    }

    [Fact]
    public async Task PrivateCheckIn_IsNeverCounted()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);
        var amalClient = await factory.SignedInClientAsync(amal);

        await LiveScenario.CheckInAsync(amalClient, "mine alone");

        var samClient = await factory.SignedInClientAsync(sam);
        Assert.Equal((0, 0), await UnreadJsonAsync(samClient, bond));
        Assert.Null(await VisibleTotalAsync(samClient));
    }

    [Fact]
    public async Task CheckInsPage_OfSomeoneElsesSpace_IsNotFoundAndMarksNothing()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var stranger = await factory.CreatePersonAsync("Stranger");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);

        var response = await (await factory.SignedInClientAsync(stranger)).GetAsync($"/spaces/{bond}/check-ins");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await SeenRowsAsync(null, stranger.Id));
    }

    [Fact]
    public async Task SeenTimes_AreEachPersonsOwn_UnderRowLevelSecurity()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var stranger = await factory.CreatePersonAsync("Stranger");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);
        await (await factory.SignedInClientAsync(sam)).ViewPageAsync($"/spaces/{bond}/check-ins");

        Assert.Equal(1, await SeenRowsAsync(sam.Id, sam.Id));
        Assert.Equal(0, await SeenRowsAsync(amal.Id, sam.Id));
        Assert.Equal(0, await SeenRowsAsync(stranger.Id, sam.Id));

        // Nobody may mark a space they are not in, even for themselves.
        await Assert.ThrowsAnyAsync<Exception>(() => factory.InScopeAsync(stranger.Id, sp =>
            sp.GetRequiredService<CornerDbContext>().Database.ExecuteSqlAsync(
                $"insert into check_ins_seen (person_id, bond_id, seen_at) values ({stranger.Id}, {bond}, now())")));
    }

    /// <summary>The nav's total badge text, or null when it is hidden.</summary>
    [Fact]
    public async Task AMomentToAnswer_CountsAsNew_LeadsToTheSpacesHome_AndStopsCountingOnceAnswered()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);
        var amalClient = await factory.SignedInClientAsync(amal);
        var samClient = await factory.SignedInClientAsync(sam);

        var recorded = await amalClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/moments",
            new { submissionId = Guid.NewGuid(), situation = "the hard call", noticed = "You went quiet." });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var momentId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.Equal("1 new", await VisibleTotalAsync(samClient));
        var badge = (await samClient.GetPageAsync("/")).QuerySelector($"[data-live-space='{bond}'] [data-live-count]");
        Assert.Equal($"/spaces/{bond}", badge!.GetAttribute("href"));
        Assert.Equal((1, 1), await UnreadJsonAsync(samClient, bond));
        Assert.Equal((0, 0), await UnreadJsonAsync(amalClient, bond));

        var answered = await samClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/moments/{momentId}/answer", new { answer = "yes" });
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);

        Assert.Equal((0, 0), await UnreadJsonAsync(samClient, bond));
        // Now Amal has Sam's answer to close with a word.
        Assert.Equal((1, 1), await UnreadJsonAsync(amalClient, bond));
    }

    /// <summary>Each feature selects its waiting items once; the home lists them and the badge counts them.
    /// The two must agree (a source may drop a row when it makes the item), or a badge would promise what the home does not show.</summary>
    [Fact]
    public async Task WhatIsCountedAsWaiting_IsWhatTheSpacesHomeLists()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(factory, amal, sam);
        var amalClient = await factory.SignedInClientAsync(amal);
        async Task Ok(Task<HttpResponseMessage> call) => Assert.True((await call).IsSuccessStatusCode);
        await Ok(amalClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/moments", new { submissionId = Guid.NewGuid(), situation = "the call", noticed = "You went quiet." }));
        await Ok(amalClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/asks",
            new { submissionId = Guid.NewGuid(), date = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), situation = "the review" }));
        await Ok(amalClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/missed-moments", new { submissionId = Guid.NewGuid(), side = "should_have", what = "the party" }));
        await Ok(amalClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/map/guesses", new { question = "what_matters.1", text = "family" }));
        await Ok(amalClient.PutAsJsonAsync($"/api/v1/spaces/{bond}/reconnection-plan", new { baseVersion = 0, sign = "a hand up" }));

        var (listed, counted) = await factory.InScopeAsync(sam.Id, async sp =>
        {
            // Nothing from the check-ins here: they count in the badge their own way.
            var items = (await sp.GetRequiredService<Corner.Web.Features.Bonds.WaitingForYou>().ListAsync(bond, sam.Id, "Amal")).Count;
            var unread = await sp.GetRequiredService<Corner.Web.Infrastructure.Live.LiveUnread>().CountAsync(sam.Id);
            return (items, unread.WaitingBySpace.GetValueOrDefault(bond));
        });

        Assert.Equal(5, listed);
        Assert.Equal(listed, counted);
    }

    private static async Task<string?> VisibleTotalAsync(HttpClient client)
    {
        var page = await client.GetPageAsync("/");
        var badge = page.QuerySelector("[data-live-total]");
        return badge is null || badge.HasAttribute("hidden") ? null : badge.TextContent.Trim();
    }

    private static async Task<(int Total, int Space)> UnreadJsonAsync(HttpClient client, Guid bondId)
    {
        var response = await client.GetAsync("/live/unread");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var spaces = json.RootElement.GetProperty("spaces");
        return (json.RootElement.GetProperty("total").GetInt32(),
            spaces.TryGetProperty(bondId.ToString(), out var count) ? count.GetInt32() : 0);
    }

    /// <summary>How many seen rows of <paramref name="ownerId"/> the database shows to <paramref name="asPerson"/> (null: system).</summary>
    private Task<int> SeenRowsAsync(Guid? asPerson, Guid ownerId) => factory.InScopeAsync(asPerson, sp =>
        sp.GetRequiredService<CornerDbContext>().Database
            .SqlQuery<int>($"select count(*)::int as \"Value\" from check_ins_seen where person_id = {ownerId}").SingleAsync());
}
