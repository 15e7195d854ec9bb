using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Bonds;

/// <summary>Takes a person out of a space at once. What they wrote stays theirs; the other member keeps theirs.</summary>
public sealed class BondLeaver(CornerDbContext db, SpaceAccessor spaces, InvitationIssuer invitations, AuditLog audit, TimeProvider clock)
{
    /// <summary>False when the person is not a current member (answer 404).</summary>
    public async Task<bool> LeaveAsync(Guid personId, Guid bondId, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return false;

        // While still a member (RLS): no link of a space nobody is waiting in should keep working.
        await invitations.RevokeOpenAsync(personId, bondId, "member left", ct);
        var now = clock.GetUtcNow();
        var left = await db.BondMembers
            .Where(m => m.BondId == bondId && m.PersonId == personId && m.LeftAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeftAt, now), ct);
        if (left == 0)
            return false;
        spaces.Forget(bondId);
        audit.Record(AuditKinds.BondLeft, personId, bondId);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
