using Corner.Web.Data;
using Npgsql;

namespace Corner.Web.Features.Bonds;

/// <summary>
/// Something in a space that is waiting on this person: a hand-over from the other member (a reflection
/// to answer, a question to compare, a moment to check in on). <see cref="Text"/> is already in the
/// person's language and names no intimate content; <see cref="Href"/> is where to deal with it.
/// </summary>
public sealed record WaitingItem(DateTimeOffset Since, string Text, string Href);

/// <summary>One row a source's SQL selected: when it started waiting, which of the source's kinds it is, and up to
/// three values the source needs to say it and link to it (an id, a day, a question id). Never words.</summary>
public sealed record WaitingRow(DateTimeOffset Since, string Kind, Guid? ItemId, DateOnly? Day, string? Detail, Guid? Who);

/// <summary>
/// A feature's part of the "waiting for you" list on a space's home, and of the "N new" badges. Register each source
/// with <c>services.AddScoped&lt;IWaitingForYouSource, MySource&gt;()</c>.
/// <para>
/// <see cref="Sql"/> is the one definition of what waits: a select over the person's membership row <c>m</c>
/// (<c>m.bond_id</c>, <c>m.person_id</c>; <c>@now</c> is the current time) with exactly the columns of
/// <see cref="WaitingRow"/>, in order: <c>since, kind, item_id, day, detail, who</c>. The space home runs every source's
/// select in one query and lets each source turn its rows into items; the badges count the same selects, for every
/// space at once, in the unread query. It runs as the person, under row-level security.
/// </para>
/// </summary>
public interface IWaitingForYouSource
{
    string Sql { get; }

    /// <summary>False when the badge counts these items another way (the check-ins' own "new since you last looked").</summary>
    bool CountsInBadge => true;

    /// <summary>The item for one of this source's rows, or null to leave it out.</summary>
    Task<WaitingItem?> ToItemAsync(WaitingRow row, Guid bondId, string otherName, CancellationToken ct);
}

/// <summary>Every source's items for one space, oldest first (what has waited longest comes first), in one query.</summary>
public sealed class WaitingForYou(QueryBatch batch, TimeProvider clock, IEnumerable<IWaitingForYouSource> sources)
{
    /// <summary>What <see cref="Queue"/> queued: the sources and their rows once the batch has run.</summary>
    public sealed record Queued(IReadOnlyList<IWaitingForYouSource> Sources, QueryBatch.Queued<(int Source, WaitingRow Row)> Rows);

    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct = default)
    {
        var queued = Queue(batch, bondId, personId);
        await batch.RunAsync(ct);
        return await ItemsAsync(queued, bondId, otherName, ct);
    }

    /// <summary>Queues every source's select for one space as one query, to go with the space home's other reads.</summary>
    public Queued Queue(QueryBatch into, Guid bondId, Guid personId)
    {
        var all = sources.ToList();
        // The selects are the features' own SQL (no input in them); the space, the person and the time are parameters.
        var sql = all.Count == 0 ? "select null::int, null::timestamptz, null::text, null::uuid, null::date, null::text, null::uuid where false"
            : string.Join("\nunion all\n", all.Select((source, i) => $"""
                select {i}, w.since, w.kind, w.item_id, w.day, w.detail, w.who
                from bond_members m cross join lateral ({source.Sql}) w
                where m.bond_id = @bond and m.person_id = @person and m.left_at is null
                """));
        var rows = into.Add(sql,
            [new NpgsqlParameter("bond", bondId), new NpgsqlParameter("person", personId), new NpgsqlParameter("now", clock.GetUtcNow().UtcDateTime)],
            r => (r.GetInt32(0), new WaitingRow(r.GetFieldValue<DateTimeOffset>(1), r.GetString(2), r.Value<Guid>(3), r.Value<DateOnly>(4),
                r.Object<string>(5), r.Value<Guid>(6))));
        return new Queued(all, rows);
    }

    /// <summary>The items for what <see cref="Queue"/> read, once its batch has run.</summary>
    public async Task<IReadOnlyList<WaitingItem>> ItemsAsync(Queued queued, Guid bondId, string otherName, CancellationToken ct = default)
    {
        var items = new List<WaitingItem>(queued.Rows.Rows.Count);
        foreach (var (source, row) in queued.Rows.Rows)
            if (await queued.Sources[source].ToItemAsync(row, bondId, otherName, ct) is { } item)
                items.Add(item);
        return items.OrderBy(i => i.Since).ToList();
    }

    /// <summary>The expression the badge query adds for every space (over its membership row <c>m</c>): how many items
    /// the sources that count in the badge select there.</summary>
    public static string BadgeCountSql(IEnumerable<IWaitingForYouSource> sources)
    {
        var counted = sources.Where(s => s.CountsInBadge).Select(s => $"(select count(*) from ({s.Sql}) w)").ToList();
        return counted.Count == 0 ? "0" : string.Join("\n + ", counted);
    }
}
