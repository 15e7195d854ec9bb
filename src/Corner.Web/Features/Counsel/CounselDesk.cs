using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Counsel;

/// <summary>Why a counsellor's link cannot be taken. Unknown and revoked links share one answer on purpose.</summary>
public enum TakeProblem
{
    [NotFound]
    NotValid,
    Expired,

    /// <summary>Another counsellor already took it.</summary>
    [Conflict]
    AlreadyTaken,

    /// <summary>Only a counsellor account can take a link.</summary>
    NotACounsellor,

    /// <summary>A member of the space cannot be its counsellor.</summary>
    MemberOfSpace,
}

public enum DeskState
{
    Active,

    /// <summary>Taken, but not (or no longer) agreed by both people: nothing to see.</summary>
    WaitingForConsent,

    /// <summary>Revoked, expired, or one of the two left: nothing to see, ever again.</summary>
    Ended,
}

/// <summary>One couple on a counsellor's desk. The name is shown only while the grant is active.</summary>
public sealed record DeskItem(Guid GrantId, DeskState State, string? ShownAs, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, DateTimeOffset TakenAt);

/// <summary>The counsellor's side: taking a link, and the desk's list of couples.</summary>
public sealed class CounselDesk(CornerDbContext db, FieldEncryption encryption, AuditLog audit, TimeProvider clock)
{
    private sealed record DeskRow(Guid Id, Guid BondId, string[] Scopes, DateTimeOffset ExpiresAt, DateTimeOffset TakenAt,
        DateTimeOffset? RevokedAt, byte[] ShownAsCipher, bool Active, bool TwoStep);

    /// <summary>Makes <paramref name="personId"/> the counsellor of the link's grant, at most once per link. Needs the
    /// caller's open transaction: the row lock holds until it commits.</summary>
    public async Task<(Guid? GrantId, TakeProblem? Problem)> TakeAsync(Guid personId, string? token, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Taking a counsellor link needs an open transaction.");
        if (InvitationToken.HashOf(token) is not { } hash)
            return (null, TakeProblem.NotValid);

        // System scope: the counsellor is not in the space, so row-level security would hide the grant.
        await using (await db.SystemScopeAsync(ct))
        {
            var grant = (await db.Set<CounsellorGrant>()
                .FromSql($"select * from counsellor_grants where token_hash = {hash} for update")
                .AsTracking().ToListAsync(ct)).SingleOrDefault();
            if (grant is null || grant.RevokedAt is not null)
                return (null, TakeProblem.NotValid);
            if (grant.CounsellorId == personId)
                return (grant.Id, null);
            var kind = await db.Users.Where(p => p.Id == personId).Select(p => p.Kind).SingleAsync(ct);
            if (kind != PersonKinds.Counsellor)
                return (null, TakeProblem.NotACounsellor);
            if (await db.BondMembers.AnyAsync(m => m.BondId == grant.BondId && m.PersonId == personId, ct))
                return (null, TakeProblem.MemberOfSpace);
            if (grant.CounsellorId is not null)
                return (null, TakeProblem.AlreadyTaken);
            var now = clock.GetUtcNow();
            if (grant.TokenExpiresAt <= now || grant.ExpiresAt <= now)
                return (null, TakeProblem.Expired);
            grant.CounsellorId = personId;
            grant.TakenAt = now;
            audit.Record(AuditKinds.CounselTaken, personId, grant.BondId);
            await db.SaveChangesAsync(ct);
            return (grant.Id, null);
        }
    }

    /// <summary>The counsellor's couples, newest first, and whether they sign in with two steps (without it, the
    /// desk names no one and opens nothing).</summary>
    public async Task<(IReadOnlyList<DeskItem> Items, bool TwoStep)> ListAsync(Guid personId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var rows = await db.Database.SqlQuery<DeskRow>($"""
            select g.id as "Id", g.bond_id as "BondId", g.scopes as "Scopes", g.expires_at as "ExpiresAt", g.taken_at as "TakenAt",
                   g.revoked_at as "RevokedAt", g.shown_as_cipher as "ShownAsCipher", corner_grant_is_active(g.id) as "Active",
                   p.two_factor_enabled as "TwoStep"
            from counsellor_grants g join people p on p.id = g.counsellor_id
            where g.counsellor_id = {personId}
            order by g.taken_at desc
            """).ToListAsync(ct);
        var twoStep = rows.Count == 0
            ? await db.Users.Where(p => p.Id == personId).Select(p => p.TwoFactorEnabled).SingleAsync(ct)
            : rows[0].TwoStep;
        var items = new List<DeskItem>(rows.Count);
        foreach (var row in rows)
        {
            var state = row.RevokedAt is not null || row.ExpiresAt <= now ? DeskState.Ended
                : row.Active ? DeskState.Active
                : DeskState.WaitingForConsent;
            var shownAs = state == DeskState.Active && twoStep
                ? await encryption.DecryptAsync(row.BondId, CounselGrants.ShownAsField(row.Id), row.ShownAsCipher, ct)
                : null;
            items.Add(new DeskItem(row.Id, state, shownAs, CounselScopes.Ordered(row.Scopes), row.ExpiresAt, row.TakenAt));
        }
        return (items, twoStep);
    }
}

/// <summary>How a counsellor read is written on the space's record (audit_events.detail): the page, then the scopes.</summary>
public static class CounselRecord
{
    public const string BetweenSessionsPage = "between-sessions";
    public const string ApiPage = "api";

    public static void Read(AuditLog audit, CounsellorAccess access, string page) =>
        audit.Record(AuditKinds.CounselRead, access.CounsellorId, access.BondId, page + "|" + string.Join(',', access.Scopes));

    public static GrantRead ReadOf(DateTimeOffset at, string counsellor, string? detail)
    {
        var parts = (detail ?? "").Split('|', 2);
        return new GrantRead(at, counsellor, parts[0],
            parts.Length > 1 ? CounselScopes.Ordered(parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) : []);
    }
}
