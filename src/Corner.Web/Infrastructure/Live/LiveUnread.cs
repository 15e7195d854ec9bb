using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Infrastructure.Live;

/// <summary>What is new for a person, space by space.</summary>
public sealed record UnreadCounts(IReadOnlyDictionary<Guid, int> BySpace)
{
    public static readonly UnreadCounts None = new(new Dictionary<Guid, int>());

    public int Total => BySpace.Values.Sum();

    public int For(Guid bondId) => BySpace.GetValueOrDefault(bondId);
}

/// <summary>
/// The "N new" count: in each space the person is a current member of, the other member's shared
/// check-ins and the reflections on the person's own check-ins that arrived after the person last opened
/// that space's check-ins page (or, if they never have, after they joined). Private check-ins have no
/// share row, so they are never counted. Runs as the person, under row-level security.
/// </summary>
public sealed class LiveUnread(CornerDbContext db, TimeProvider clock)
{
    private sealed class Row
    {
        public Guid BondId { get; init; }
        public int Count { get; init; }
    }

    public async Task<UnreadCounts> CountAsync(Guid personId, CancellationToken ct = default)
    {
        var rows = await db.Database.SqlQuery<Row>($"""
            select m.bond_id as "BondId",
                ((select count(*) from check_in_shares s
                    where s.bond_id = m.bond_id and s.person_id <> m.person_id
                      and s.shared_at > coalesce(seen.seen_at, m.joined_at))
                 + (select count(*) from reflections r
                    join check_in_shares mine on mine.check_in_id = r.check_in_id and mine.bond_id = r.bond_id
                    where r.bond_id = m.bond_id and mine.person_id = m.person_id and r.author_id <> m.person_id
                      and r.created_at > coalesce(seen.seen_at, m.joined_at)))::int as "Count"
            from bond_members m
            left join check_ins_seen seen on seen.person_id = m.person_id and seen.bond_id = m.bond_id
            where m.person_id = {personId} and m.left_at is null
            """).ToListAsync(ct);
        return new UnreadCounts(rows.Where(r => r.Count > 0).ToDictionary(r => r.BondId, r => r.Count));
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
