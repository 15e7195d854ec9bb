using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Infrastructure.Live;

/// <summary>
/// Announces new things to the people they are for, on every app node. Each announcement is a
/// <c>pg_notify</c> in the caller's transaction: PostgreSQL delivers it only when that transaction
/// commits, so nothing that was rolled back is ever announced. Only current members of the bond are
/// told, and never the person who did it.
/// </summary>
public sealed class LiveEvents(CornerDbContext db, Features.Bonds.SpaceAccessor spaces, IEnumerable<ILiveEventRelay> relays)
{
    public const string Channel = "corner_live";

    /// <summary>A check-in was saved and is shared into <paramref name="bondIds"/>: tell the other member of each.
    /// A private check-in has no bonds, and so tells no one.</summary>
    public async Task CheckInSharedAsync(Guid authorId, Guid checkInId, IReadOnlyCollection<Guid> bondIds, CancellationToken ct = default)
    {
        if (bondIds.Count == 0)
            return;
        var others = await db.BondMembers.AsNoTracking()
            .Where(m => bondIds.Contains(m.BondId) && m.PersonId != authorId && m.LeftAt == null)
            .Select(m => new { m.BondId, m.PersonId })
            .ToListAsync(ct);
        foreach (var other in others)
            await PublishAsync(new LiveEvent(other.PersonId, other.BondId, LiveKinds.CheckIn, checkInId), ct);
    }

    /// <summary>Someone reflected on <paramref name="checkInAuthorId"/>'s check-in.</summary>
    public Task ReflectedAsync(Guid bondId, Guid reflectionId, Guid checkInAuthorId, CancellationToken ct = default) =>
        PublishToMemberAsync(new LiveEvent(checkInAuthorId, bondId, LiveKinds.Reflection, reflectionId), ct);

    /// <summary>The check-in's author answered <paramref name="reflectorId"/>'s reflection.</summary>
    public Task ReflectionAnsweredAsync(Guid bondId, Guid reflectionId, Guid reflectorId, CancellationToken ct = default) =>
        PublishToMemberAsync(new LiveEvent(reflectorId, bondId, LiveKinds.ReflectionAnswer, reflectionId), ct);

    /// <summary>Tells <paramref name="recipientId"/> that <paramref name="kind"/> happened to <paramref name="itemId"/> in
    /// <paramref name="bondId"/>, if they are still a current member of it.</summary>
    public Task ToMemberAsync(Guid bondId, Guid recipientId, string kind, Guid itemId, CancellationToken ct = default) =>
        PublishToMemberAsync(new LiveEvent(recipientId, bondId, kind, itemId), ct);

    /// <summary>Tells every current member of <paramref name="bondId"/> except <paramref name="actorId"/>.</summary>
    public async Task ToOthersAsync(Guid bondId, Guid actorId, string kind, Guid itemId, CancellationToken ct = default)
    {
        // A space holds two people: the actor's access (read once per request) already names the other.
        if ((await spaces.MembersAsync(bondId, actorId, ct)).Other is { } other)
            await PublishAsync(new LiveEvent(other, bondId, kind, itemId), ct);
    }

    /// <summary>Tells a counsellor's open pages about their grant of the space (its revocation); no push, no text.</summary>
    public Task ToCounsellorAsync(Guid bondId, Guid counsellorId, string kind, Guid grantId, CancellationToken ct = default) =>
        PublishAsync(new LiveEvent(counsellorId, bondId, kind, grantId), ct, relay: false);

    private async Task PublishToMemberAsync(LiveEvent e, CancellationToken ct)
    {
        if (await spaces.IsMemberAsync(e.Bond, e.Recipient, ct))
            await PublishAsync(e, ct);
    }

    private async Task PublishAsync(LiveEvent e, CancellationToken ct, bool relay = true)
    {
        // One statement: the event is stored (so a stream that reconnects can catch up on it, on any node) and
        // announced with its id. Both happen only if the caller's transaction commits.
        // (No "returning": the sender may not read the recipient's row back.)
        await db.Database.ExecuteSqlAsync($"""
            with next as (select nextval('live_events_id_seq') as id),
            stored as (
                insert into live_events (id, recipient_id, bond_id, kind, item_id)
                select next.id, {e.Recipient}, {e.Bond}, {e.Kind}, {e.Item} from next)
            select pg_notify({Channel}, jsonb_set({e.ToPayload()}::jsonb, array['id'], to_jsonb(next.id))::text) from next
            """, ct);
        if (relay)
            foreach (var relayTo in relays)
                await relayTo.RelayAsync(e, ct);
    }
}

/// <summary>Carries a live event further, in the same transaction (push notifications to a person's devices).</summary>
public interface ILiveEventRelay
{
    Task RelayAsync(LiveEvent e, CancellationToken ct);
}
