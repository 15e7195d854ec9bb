using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;

namespace Corner.Web.Features.Shared;

/// <summary>
/// What every feature does after someone takes back words they had shared (issue 14, item 3): the audit trail
/// records that an entry of <c>entryKind</c> was taken back, never what it said, and the other member's open
/// page refreshes (a live event with ids only), so the words vanish there too.
/// </summary>
public sealed class TakeBack(CornerDbContext db, SpaceAccessor spaces, AuditLog audit, LiveEvents live)
{
    /// <summary>The live kind: live.js refreshes the open space's live region; no announcement is registered for it,
    /// so nothing is said aloud about what went away.</summary>
    public const string LiveKind = "taken_back";

    /// <summary>
    /// Takes back <paramref name="itemId"/> when <paramref name="authorId"/> may still write in the space:
    /// <paramref name="change"/> deletes or clears the author's own row (scoped to them in its query) and returns how
    /// many rows it changed. False when it changed none: not theirs, or already gone (answer 404).
    /// </summary>
    public async Task<bool> TakeAsync(Guid bondId, Guid authorId, string entryKind, Guid itemId, Func<Task<int>> change,
        CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, authorId, ct) is null || await change() == 0)
            return false;
        audit.Record(AuditKinds.EntryTakenBack, authorId, bondId, entryKind);
        await db.SaveChangesAsync(ct);
        await live.ToOthersAsync(bondId, authorId, LiveKind, itemId, ct);
        return true;
    }
}

/// <summary>
/// What the shared <c>_TakeBack</c> partial shows: a "take back" summary that opens a warning and the button that
/// confirms, posting <paramref name="Field"/>=<paramref name="Id"/> to <paramref name="Action"/>.
/// <paramref name="Label"/> names the entry for screen readers when the summary alone would be ambiguous.
/// </summary>
public sealed record TakeBackForm(string Action, string Summary, string Confirm, string Button, string Field, Guid Id, string? Label = null);
