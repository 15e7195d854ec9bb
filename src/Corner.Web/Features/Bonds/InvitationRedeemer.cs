using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Bonds;

/// <summary>Why an invitation link cannot be used. Unknown and revoked links share one answer on purpose.</summary>
public enum InvitationProblem
{
    [NotFound]
    NotValid,
    Expired,
    [Conflict]
    AlreadyUsed,
    OwnSpace,
    [Conflict]
    SpaceFull,
}

/// <summary>What the join page may show about a link before anyone joins: only the inviter's name and the kind.</summary>
public sealed record InvitationPreview(InvitationProblem? Problem, string? InviterName, BondKind? Kind, Guid? AlreadyMemberOf, bool QuizWaiting = false);

public sealed record Redemption(Guid? BondId, InvitationProblem? Problem);

/// <summary>
/// Looks up and redeems invitation links. The person is not a member yet, so both run in system
/// scope, for as short as possible, and switch back to whoever was acting (the person, or nobody) straight after.
/// </summary>
public sealed class InvitationRedeemer(CornerDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<InvitationPreview> PreviewAsync(string? token, Guid? personId, CancellationToken ct = default)
    {
        if (InvitationToken.HashOf(token) is not { } hash)
            return new InvitationPreview(InvitationProblem.NotValid, null, null, null);

        // System scope: the visitor is not a member, so RLS would hide the invitation and the inviter.
        await using (await db.SystemScopeAsync(ct))
        {
            var found = await (
                from i in db.Invitations
                where i.TokenHash == hash
                join b in db.Bonds on i.BondId equals b.Id
                join p in db.Users on i.CreatedBy equals p.Id
                select new { Invitation = i, b.Kind, Inviter = p.DisplayName }).AsNoTracking().SingleOrDefaultAsync(ct);
            if (found is null)
                return new InvitationPreview(InvitationProblem.NotValid, null, null, null);
            var invitation = found.Invitation;
            var members = await db.BondMembers.AsNoTracking().Where(m => m.BondId == invitation.BondId).ToListAsync(ct);
            var problem = Check(invitation, members, personId);
            // Someone who joined with this link and opens it again is simply shown the way in;
            // the creator opening their own link is told to send it on (Check says OwnSpace).
            var alreadyIn = personId is { } id && id != invitation.CreatedBy && members.Any(m => m.PersonId == id && m.LeftAt is null)
                ? invitation.BondId : (Guid?)null;
            if (problem is InvitationProblem.NotValid)
                return new InvitationPreview(problem, null, null, null);
            // A strengths-quiz round the inviter has begun waits for the one who joins (it says only that it waits).
            var quizWaiting = await db.Database.SqlQuery<bool>(
                $"select exists (select 1 from quiz_rounds where bond_id = {invitation.BondId} and revealed_at is null) as \"Value\"")
                .SingleAsync(ct);
            return new InvitationPreview(problem, found.Inviter, found.Kind, alreadyIn, quizWaiting);
        }
    }

    /// <summary>Joins <paramref name="personId"/> to the invitation's space, at most once per link.
    /// Needs the caller's open transaction: the row locks hold until it commits.</summary>
    public async Task<Redemption> RedeemAsync(Guid personId, string? token, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Redeeming an invitation needs an open transaction.");
        if (InvitationToken.HashOf(token) is not { } hash)
            return new Redemption(null, InvitationProblem.NotValid);

        // System scope: the person is not a member of the space yet, so RLS would hide it from them.
        await using (await db.SystemScopeAsync(ct))
        {
            // Lock the link, then its space, so two people redeeming at once are served one after the other.
            var invitation = (await db.Invitations
                .FromSql($"select * from invitations where token_hash = {hash} for update")
                .AsTracking().ToListAsync(ct)).SingleOrDefault();
            if (invitation is null)
                return new Redemption(null, InvitationProblem.NotValid);
            await db.Database.ExecuteSqlAsync($"select id from bonds where id = {invitation.BondId} for update", ct);
            var members = await db.BondMembers.Where(m => m.BondId == invitation.BondId).ToListAsync(ct);

            // A second click by the person who already joined with this link just takes them in.
            if (invitation.RedeemedBy == personId && members.Any(m => m.PersonId == personId && m.LeftAt is null))
                return new Redemption(invitation.BondId, null);
            if (Check(invitation, members, personId) is { } problem)
                return new Redemption(null, problem);

            var now = clock.GetUtcNow();
            db.BondMembers.Add(new BondMember { BondId = invitation.BondId, PersonId = personId, JoinedAt = now });
            invitation.RedeemedAt = now;
            invitation.RedeemedBy = personId;
            audit.Record(AuditKinds.InvitationRedeemed, personId, invitation.BondId);
            audit.Record(AuditKinds.BondJoined, personId, invitation.BondId);
            await db.SaveChangesAsync(ct);
            return new Redemption(invitation.BondId, null);
        }
    }

    private InvitationProblem? Check(Invitation invitation, IReadOnlyList<BondMember> members, Guid? personId)
    {
        if (invitation.RevokedAt is not null)
            return InvitationProblem.NotValid;
        if (personId is { } id && (invitation.CreatedBy == id || members.Any(m => m.PersonId == id)))
            return InvitationProblem.OwnSpace;
        if (invitation.RedeemedAt is not null)
            return InvitationProblem.AlreadyUsed;
        if (invitation.ExpiresAt <= clock.GetUtcNow())
            return InvitationProblem.Expired;
        if (members.Count >= 2 || members.Any(m => m.LeftAt is not null))
            return InvitationProblem.SpaceFull;
        return null;
    }
}
