namespace Corner.Web.Features.Bonds;

/// <summary>
/// Something in a space that is waiting on this person: a hand-over from the other member (a reflection
/// to answer, a question to compare, a moment to check in on). <see cref="Text"/> is already in the
/// person's language and names no intimate content; <see cref="Href"/> is where to deal with it.
/// </summary>
public sealed record WaitingItem(DateTimeOffset Since, string Text, string Href);

/// <summary>
/// A feature's part of the "waiting for you" list on a space's home. Register each source with
/// <c>services.AddScoped&lt;IWaitingForYouSource, MySource&gt;()</c>; the space home asks all of them.
/// Each runs as the signed-in person under row-level security and lists only what is theirs to do.
/// </summary>
public interface IWaitingForYouSource
{
    Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct);

    /// <summary>
    /// The same items counted in SQL, for the "N new" badges of every space at once (<c>LiveUnread</c>, one query):
    /// an expression over the person's membership row <c>m</c> (<c>m.bond_id</c>, <c>m.person_id</c>) that counts
    /// what <see cref="ListAsync"/> would list there; <c>@now</c> is the current time. Null when the source's items
    /// are counted another way (the check-ins' own "new since you last looked").
    /// </summary>
    string? CountSql => null;
}

/// <summary>Every source's items for one space, oldest first (what has waited longest comes first).</summary>
public sealed class WaitingForYou(IEnumerable<IWaitingForYouSource> sources)
{
    public async Task<IReadOnlyList<WaitingItem>> ListAsync(Guid bondId, Guid personId, string otherName, CancellationToken ct = default)
    {
        var all = new List<WaitingItem>();
        // One after another: the sources share the request's connection and transaction.
        foreach (var source in sources)
            all.AddRange(await source.ListAsync(bondId, personId, otherName, ct));
        return all.OrderBy(i => i.Since).ToList();
    }
}
