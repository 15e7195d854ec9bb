using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.Bonds;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Infrastructure.Jobs;

namespace Corner.IntegrationTests.Infrastructure.Jobs;

/// <summary>The daily housekeeping job, driven by the injected clock. At its 2033 date every invitation other tests made
/// has expired, so these tests run alone, after the parallel collections.</summary>
[Collection(Security.RunsAloneCollection.Name)]
public sealed class HousekeepingTests
{
    private static readonly Dictionary<string, string?> HousekeepingOn = new() { ["Corner:Housekeeping:Enabled"] = "true" };
    private static readonly DateTimeOffset Start = new(2033, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Housekeeping_WhenItsDayComes_RemovesOldFinishedJobsAndExpiredInvitationsButKeepsRecentOnes()
    {
        using var app = new ReminderAppFactory(new ManualClock(Start), HousekeepingOn);
        var creator = await app.CreatePersonAsync();
        var bondId = await app.CreateSpaceAsync("A space " + Guid.NewGuid().ToString("N"), creator);
        var expiring = await Spaces.IssueAsync(app, creator.Id, bondId);
        var tag = Guid.NewGuid().ToString("N");
        await Sql.OwnerExecuteAsync("""
            insert into jobs (kind, payload, run_at, dedupe_key, done_at) values
              ('test.old', '{}', $1, $2, $1), ('test.recent', '{}', $3, $4, $3), ('test.waiting', '{}', $5, $6, null)
            """, Start.AddDays(-30), "old-" + tag, Start.AddDays(-1), "recent-" + tag, Start.AddDays(300), "waiting-" + tag);
        await Sql.OwnerExecuteAsync("update invitations set expires_at = $1 where id = $2", Start.AddDays(-8), expiring.Id);

        // Planned on the first pass, due at 03:00 UTC: the next day's run does the work.
        await app.RunJobsAsync();
        app.Clock.Set(new DateTimeOffset(2033, 1, 11, 3, 30, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        await app.RunJobsAsync();

        Assert.Equal(0L, await CountAsync("old-" + tag));
        Assert.Equal(1L, await CountAsync("recent-" + tag));
        Assert.Equal(1L, await CountAsync("waiting-" + tag));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from invitations where id = $1", expiring.Id));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from jobs where kind = $1 and dedupe_key = 'housekeeping:2033-01-11' and done_at is not null", HousekeepingJob.JobKind));
    }

    [Fact]
    public async Task Housekeeping_SeenMarks_AreRemovedOnlyForPeopleWhoLeftTheSpaceLongAgo()
    {
        // Other days than the first test's: one housekeeping job per day, ever (its dedupe key).
        var start = Start.AddYears(1);
        using var app = new ReminderAppFactory(new ManualClock(start), HousekeepingOn);
        var stays = await app.CreatePersonAsync();
        var left = await app.CreatePersonAsync();
        var bondId = await app.CreateSpaceAsync("A space " + Guid.NewGuid().ToString("N"), stays, left);
        await Sql.OwnerExecuteAsync("insert into check_ins_seen (person_id, bond_id, seen_at) values ($1, $3, $4), ($2, $3, $4)",
            stays.Id, left.Id, bondId, start.AddDays(-100));
        await Sql.OwnerExecuteAsync("update bond_members set left_at = $1 where person_id = $2 and bond_id = $3", start.AddDays(-90), left.Id, bondId);

        await app.RunJobsAsync();
        app.Clock.Set(new DateTimeOffset(2034, 1, 11, 3, 30, 0, TimeSpan.Zero));
        await app.RunJobsAsync();
        await app.RunJobsAsync();

        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from check_ins_seen where bond_id = $1 and person_id = $2", bondId, stays.Id));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from check_ins_seen where bond_id = $1 and person_id = $2", bondId, left.Id));
    }

    private static Task<long> CountAsync(string dedupeKey) =>
        Sql.OwnerScalarAsync<long>("select count(*) from jobs where dedupe_key = $1", dedupeKey);
}
