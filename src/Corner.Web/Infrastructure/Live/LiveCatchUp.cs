using Corner.Web.Data;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Infrastructure.Live;

/// <summary>
/// What a reconnecting stream missed. Every live event is stored in <c>live_events</c> (by
/// <see cref="LiveEvents"/>, in the sender's transaction) and sent with its id as the SSE id; a browser that
/// reconnects, to this node or another one, sends the last id it saw as <c>Last-Event-ID</c>, and is sent
/// every event after it. Transactions commit in their own order, not in the order of their ids, so the
/// catch-up also looks back <see cref="LookBack"/> before that event and resends those too: a browser may
/// see an event twice (it is only a hint to fetch something), never miss one.
/// </summary>
public sealed class LiveCatchUp(CornerDbContext db)
{
    /// <summary>Longer than any request's transaction lasts.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromSeconds(30);

    /// <summary>The most one catch-up sends; a stream that missed more is told to resync instead.</summary>
    public const int MaxEvents = 500;

    /// <summary>The person's events after <paramref name="lastEventId"/> (and the look-back before it), oldest
    /// first, without <paramref name="lastEventId"/> itself; null when that event is not theirs or is already
    /// purged, or when there are too many (the stream should then resync instead).</summary>
    public async Task<IReadOnlyList<LiveEvent>?> AfterAsync(Guid personId, long lastEventId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var rows = await db.Database.SqlQuery<Row>($"""
            select e.id as "Id", e.bond_id as "Bond", e.kind as "Kind", e.item_id as "Item"
            from live_events e
            join live_events last on last.id = {lastEventId} and last.recipient_id = {personId}
            where e.recipient_id = {personId} and e.id <> last.id
              and (e.id > last.id or e.created_at >= last.created_at - {LookBack})
            order by e.id
            limit {MaxEvents + 1}
            """).ToListAsync(ct);
        var known = rows.Count > 0 || await db.Database
            .SqlQuery<long>($"""select id as "Value" from live_events where id = {lastEventId} and recipient_id = {personId}""")
            .AnyAsync(ct);
        await transaction.CommitAsync(ct);
        if (!known || rows.Count > MaxEvents)
            return null;
        return rows.Select(r => new LiveEvent(personId, r.Bond, r.Kind, r.Item, r.Id)).ToList();
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public Guid Bond { get; init; }
        public string Kind { get; init; } = "";
        public Guid Item { get; init; }
    }
}

/// <summary>Stored live events are needed only by streams reconnecting within minutes; housekeeping removes them after a day.</summary>
public sealed class LiveEventsHousekeeping(CornerDbContext db) : IHousekeepingStep
{
    public static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"delete from live_events where created_at < {now - Keep}", ct);
}
