using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Infrastructure.Live;

/// <summary>What is new for a person, space by space: <see cref="BySpace"/> counts everything (the badge's number),
/// <see cref="WaitingBySpace"/> the part of it that waits on the space's home rather than in its check-ins.</summary>
public sealed record UnreadCounts(IReadOnlyDictionary<Guid, int> BySpace, IReadOnlyDictionary<Guid, int> WaitingBySpace)
{
    public static readonly UnreadCounts None = new(new Dictionary<Guid, int>(), new Dictionary<Guid, int>());

    public int Total => BySpace.Values.Sum();

    public int For(Guid bondId) => BySpace.GetValueOrDefault(bondId);

    /// <summary>Where a space's badge leads: its home when something waits there for the person, else its check-ins.</summary>
    public string LinkFor(Guid bondId) =>
        WaitingBySpace.GetValueOrDefault(bondId) > 0 ? $"/spaces/{bondId}" : $"/spaces/{bondId}/check-ins";
}

/// <summary>
/// The "N new" count, in one query for all of the person's spaces: in each space they are a current member of,
/// the other member's shared check-ins and the reflections on the person's own check-ins that arrived after the
/// person last opened that space's check-ins page (or, if they never have, after they joined); and everything
/// else that waits for the person there, as each feature's <see cref="IWaitingForYouSource.Sql"/> selects it
/// (a moment to answer, a guess to compare, a plan to confirm, …). Private check-ins have no share row, so they
/// are never counted. Runs as the person, under row-level security.
/// </summary>
public sealed class LiveUnread(CornerDbContext db, QueryBatch batch, TimeProvider clock, IEnumerable<IWaitingForYouSource> sources)
{
    public async Task<UnreadCounts> CountAsync(Guid personId, CancellationToken ct = default)
    {
        var queued = Queue(batch, personId);
        await batch.RunAsync(ct);
        return Counts(queued);
    }

    /// <summary>Queues the count with a page's other reads (the space home sends it in its cards' batch).</summary>
    public QueryBatch.Queued<(Guid BondId, int New, int Waiting)> Queue(QueryBatch into, Guid personId)
    {
        var waiting = WaitingForYou.BadgeCountSql(sources);
        // The expressions are the features' own SQL (no input in them); the person and the time are parameters.
        var sql = $"""
            select m.bond_id,
                ((select count(*) from check_in_shares s
                    where s.bond_id = m.bond_id and s.person_id <> m.person_id
                      and s.shared_at > coalesce(seen.seen_at, m.joined_at))
                 + (select count(*) from reflections r
                    join check_in_shares mine on mine.check_in_id = r.check_in_id and mine.bond_id = r.bond_id
                    where r.bond_id = m.bond_id and mine.person_id = m.person_id and r.author_id <> m.person_id
                      and r.created_at > coalesce(seen.seen_at, m.joined_at)))::int,
                ({waiting})::int
            from bond_members m
            left join check_ins_seen seen on seen.person_id = m.person_id and seen.bond_id = m.bond_id
            where m.person_id = @person and m.left_at is null
            """;
        return into.Add(sql, [new NpgsqlParameter("person", personId), new NpgsqlParameter("now", clock.GetUtcNow().UtcDateTime)],
            r => (r.GetGuid(0), r.GetInt32(1), r.GetInt32(2)));
    }

    /// <summary>The counts from what <see cref="Queue"/> read, once its batch has run.</summary>
    public static UnreadCounts Counts(QueryBatch.Queued<(Guid BondId, int New, int Waiting)> queued)
    {
        var rows = queued.Rows;
        return new UnreadCounts(
            rows.Where(r => r.New + r.Waiting > 0).ToDictionary(r => r.BondId, r => r.New + r.Waiting),
            rows.Where(r => r.Waiting > 0).ToDictionary(r => r.BondId, r => r.Waiting));
    }

    /// <summary>The person has just been shown <paramref name="bondId"/>'s check-ins as of <paramref name="at"/>.
    /// Never moves backwards, so a slow, older request cannot bring back what a newer one cleared.</summary>
    public async Task MarkSeenAsync(Guid personId, Guid bondId, DateTimeOffset? at = null, CancellationToken ct = default)
    {
        var seenAt = (at ?? clock.GetUtcNow()).ToUniversalTime();
        await db.Database.ExecuteSqlAsync($"""
            insert into check_ins_seen (person_id, bond_id, seen_at) values ({personId}, {bondId}, {seenAt})
            on conflict (person_id, bond_id) do update set seen_at = greatest(check_ins_seen.seen_at, excluded.seen_at)
            """, ct);
    }
}
