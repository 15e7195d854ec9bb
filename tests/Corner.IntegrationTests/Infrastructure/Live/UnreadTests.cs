using System.Net;
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
