using System.Net;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Bonds;

/// <summary>Issue 14, item 5: leaving a space tells the other person nothing until they next open it.</summary>
[Collection(AppCollection.Name)]
public sealed class LeavingQuietlyTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Leave_ThroughThePage_SendsTheOtherNoEmailNoPushNoLiveEvent_AndTheySeeACalmClosedNotice()
    {
        var stays = await factory.CreatePersonAsync("Stays");
        var leaves = await factory.CreatePersonAsync("Leaves");
        var bondId = await factory.CreateSpaceAsync("Quiet " + Guid.NewGuid().ToString("N")[..6], stays, leaves);
        var leaver = await factory.SignedInClientAsync(leaves);
        var lastJob = await Sql.OwnerScalarAsync<long>("select coalesce(max(id), 0) from jobs");

        var leavePage = await leaver.GetPageAsync($"/spaces/{bondId}/leave");
        Assert.DoesNotContain("export it later", leavePage.Body!.TextContent, StringComparison.OrdinalIgnoreCase);
        var response = await leaver.SubmitFormAsync($"/spaces/{bondId}/leave", new Dictionary<string, string>(), $"/spaces/{bondId}/leave");

        Assert.True(response.StatusCode.IsRedirect(), $"Leaving answered {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await leaver.GetAsync($"/spaces/{bondId}")).StatusCode);
        Assert.Empty(Mailbox.For(factory, stays.Email));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from live_events where recipient_id = $1 and bond_id = $2", stays.Id, bondId));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from jobs where id > $1 and payload::text like '%' || $2 || '%'", lastJob, stays.Id.ToString()));

        var home = await (await factory.SignedInClientAsync(stays)).GetPageAsync($"/spaces/{bondId}");
        var notice = home.QuerySelector("main .notice[role=status]")?.TextContent ?? "";
        Assert.Contains("Leaves left this space", notice, StringComparison.Ordinal);
        Assert.Contains("This space is closed now", notice, StringComparison.Ordinal);
    }
}
