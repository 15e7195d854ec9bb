using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Bonds;

public enum InvitationState
{
    Open,
    Expired,
    Revoked,
    Redeemed,
}

/// <summary>An invitation as its space's members see it: never the token, never who redeemed it.</summary>
public sealed record InvitationView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, InvitationState State, DateTimeOffset? RedeemedAt, DateTimeOffset? RevokedAt)
{
    public static InvitationView From(Invitation i, DateTimeOffset now) => new(i.Id, i.CreatedAt, i.ExpiresAt,
        i.RedeemedAt is not null ? InvitationState.Redeemed
        : i.RevokedAt is not null ? InvitationState.Revoked
        : i.ExpiresAt <= now ? InvitationState.Expired
        : InvitationState.Open,
        i.RedeemedAt, i.RevokedAt);
}

/// <summary>A new invitation. The token exists only here: it is shown once and never stored.</summary>
public sealed record IssuedInvitation(Guid Id, string Token, DateTimeOffset ExpiresAt);

public enum InvitationIssueError
{
    /// <summary>Not a current member's space: answer 404.</summary>
    [NotFound]
    NotFound,

    /// <summary>Both people are already in the space.</summary>
    [Conflict]
    SpaceComplete,

    /// <summary>Someone left, so the space takes no new members.</summary>
    [Conflict]
    SpaceClosed,
}

public enum InvitationRevokeError
{
    [NotFound]
    NotFound,
    [Conflict]
    AlreadyUsed,
}

/// <summary>Creates, lists and revokes a space's invitations. Shared by the invite page and the API.</summary>
public sealed class InvitationIssuer(CornerDbContext db, SpaceAccessor spaces, AuditLog audit, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    public async Task<(IssuedInvitation? Invitation, InvitationIssueError? Error)> CreateAsync(Guid personId, Guid bondId, CancellationToken ct = default)
    {
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
            return (null, InvitationIssueError.NotFound);
        var members = await db.BondMembers.Where(m => m.BondId == bondId).Select(m => m.LeftAt).ToListAsync(ct);
        if (members.Any(leftAt => leftAt is not null))
            return (null, InvitationIssueError.SpaceClosed);
        if (members.Count > 1)
            return (null, InvitationIssueError.SpaceComplete);

        // Only the newest link works: a link sent to the wrong place can be replaced.
        var now = clock.GetUtcNow();
        await RevokeOpenAsync(personId, bondId, "replaced", ct);

        var (token, hash) = InvitationToken.Create();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            TokenHash = hash,
            CreatedBy = personId,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        db.Invitations.Add(invitation);
        audit.Record(AuditKinds.InvitationCreated, personId, bondId);
        await db.SaveChangesAsync(ct);
        return (new IssuedInvitation(invitation.Id, token, invitation.ExpiresAt), null);
    }

    /// <summary>The space's invitations, newest first; null when the space is not the person's.</summary>
    public async Task<IReadOnlyList<InvitationView>?> ListAsync(Guid personId, Guid bondId, CancellationToken ct = default)
    {
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
            return null;
        var now = clock.GetUtcNow();
        var rows = await db.Invitations.Where(i => i.BondId == bondId).OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        return rows.Select(i => InvitationView.From(i, now)).ToList();
    }

    /// <summary>Revokes one invitation. Revoking one that is already revoked or expired is fine.</summary>
    public async Task<InvitationRevokeError?> RevokeAsync(Guid personId, Guid bondId, Guid invitationId, CancellationToken ct = default)
    {
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
            return InvitationRevokeError.NotFound;
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.BondId == bondId, ct);
        if (invitation is null)
            return InvitationRevokeError.NotFound;
        if (invitation.RedeemedAt is not null)
            return InvitationRevokeError.AlreadyUsed;
        if (invitation.RevokedAt is null)
        {
            invitation.RevokedAt = clock.GetUtcNow();
            audit.Record(AuditKinds.InvitationRevoked, personId, bondId);
            await db.SaveChangesAsync(ct);
        }
        return null;
    }

    /// <summary>Revokes every open invitation of a space the person is still a member of.</summary>
    internal async Task RevokeOpenAsync(Guid personId, Guid bondId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.Invitations
            .Where(i => i.BondId == bondId && i.RedeemedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
        for (var i = 0; i < revoked; i++)
            audit.Record(AuditKinds.InvitationRevoked, personId, bondId, detail: reason);
    }
}
