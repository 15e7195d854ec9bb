using Corner.Web.Data;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;

namespace Corner.Web.Features.Shared;

/// <summary>
/// What every feature does after someone takes back words they had shared (issue 14, item 3): the audit trail
/// records that an entry of <c>entryKind</c> was taken back, never what it said, and the other member's open
/// page refreshes (a live event with ids only), so the words vanish there too.
/// </summary>
public sealed class TakeBack(CornerDbContext db, AuditLog audit, LiveEvents live)
{
    /// <summary>The live kind: live.js refreshes the open space's live region; no announcement is registered for it,
    /// so nothing is said aloud about what went away.</summary>
    public const string LiveKind = "taken_back";

    public async Task RecordAsync(Guid bondId, Guid authorId, string entryKind, Guid itemId, CancellationToken ct = default)
    {
        audit.Record(AuditKinds.EntryTakenBack, authorId, bondId, entryKind);
        await db.SaveChangesAsync(ct);
        await live.ToOthersAsync(bondId, authorId, LiveKind, itemId, ct);
    }
}
