using Corner.Web.Data;
using Corner.Web.Features.Accounts;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Counsel;

public enum GrantProblem
{
    /// <summary>Not a current member's space, or no such grant in it: answer 404.</summary>
    [NotFound]
    NotFound,
    EmailInvalid,
    NoScope,
    UnknownScope,
    FromMissing,
    RangeBackwards,
    ExpiryMissing,
    ExpiryInPast,
    ExpiryTooFar,
    ShownAsMissing,
    ShownAsTooLong,
    PurposeTooLong,
    ControlCharacters,

    /// <summary>A counsellor sees a space only when both people are in it.</summary>
    [Conflict]
    SpaceNotComplete,

    /// <summary>The proposal changed since the version the person read: they consent to what they saw, or nothing.</summary>
    [Conflict]
    VersionChanged,

    /// <summary>Already <see cref="CounselGrants.MaxWaitingLinks"/> links wait to be taken: each sends an email, so a space
    /// cannot send them without end.</summary>
    [Conflict]
    TooManyWaiting,

    /// <summary>Revoked or expired: there is nothing left to consent to or change.</summary>
    [Conflict]
    AlreadyEnded,
}

/// <summary>What a member proposes: who (the counsellor's email, for a new grant only), which parts, which days, until when.</summary>
public sealed record GrantInput(string? Email, IReadOnlyList<string>? Scopes, DateOnly? VisibleFrom, DateOnly? VisibleUntil,
    DateOnly? ExpiresOn, string? ShownAs, string? Purpose);

public enum GrantState
{
    /// <summary>Waiting for this member's yes.</summary>
    WaitingForYou,

    /// <summary>Waiting for the other member's yes.</summary>
    WaitingForOther,

    /// <summary>Both said yes; waiting for the counsellor to open their link.</summary>
    WaitingForCounsellor,
    Active,

    /// <summary>The counsellor never opened the link in time.</summary>
    LinkExpired,
    Expired,
    Revoked,

    /// <summary>One of the two left the space.</summary>
    Ended,
}

/// <summary>A grant as the space's members see it. Never the link's token.</summary>
public sealed record GrantView(Guid Id, int Version, GrantState State, IReadOnlyList<string> Scopes, DateOnly VisibleFrom,
    DateOnly? VisibleUntil, DateTimeOffset ExpiresAt, string ShownAs, string? Purpose, string? CounsellorName, string? PracticeName,
    bool ProposedByMe, bool IConsented, bool OtherConsented, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, DateTimeOffset? TakenAt,
    DateTimeOffset? RevokedAt, bool RevokedByMe)
{
    /// <summary>Whether a member may still consent to it, change it or revoke it.</summary>
    public bool IsOpen => State is not (GrantState.Revoked or GrantState.Expired or GrantState.LinkExpired or GrantState.Ended);
}

/// <summary>One counsellor read of the space, on the record for both members.</summary>
public sealed record GrantRead(DateTimeOffset At, string CounsellorName, string Page, IReadOnlyList<string> Scopes);

/// <summary>A new grant. The token exists only here: it is shown once, emailed once, and never stored.</summary>
public sealed record ProposedGrant(Guid Id, string Token, DateTimeOffset LinkExpiresAt);

/// <summary>
/// The members' side of the outside view: propose a grant, consent to it, change it, revoke it, and see who has read
/// what. Shared by the space's counsellor page and the API. Every change is an audit event of the space.
/// </summary>
public sealed class CounselGrants(CornerDbContext db, SpaceAccessor spaces, FieldEncryption encryption, AuditLog audit,
    PersonalDay day, LiveEvents live, CounselEmails emails, TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(7);
    public const int MaxDays = 90;
    public const int DefaultDays = 30;
    public const int ShownAsMaxLength = 80;
    public const int PurposeMaxLength = 500;
    public const int MaxWaitingLinks = 3;
    /// <summary>Sent to the counsellor when a grant is revoked: their open streams end (LiveHub).</summary>
    public const string RevokedKind = LiveKinds.AccessEnded;

    public static FieldAddress ShownAsField(Guid grantId) => new("counsellor_grants", "shown_as", grantId);

    public static FieldAddress PurposeField(Guid grantId) => new("counsellor_grants", "purpose", grantId);

    /// <summary>Proposes a grant and sends its link to the counsellor's address (which is not kept). Proposing is the
    /// proposer's yes to it.</summary>
    public async Task<(ProposedGrant? Grant, IReadOnlyList<(string Field, GrantProblem Problem)> Problems)> ProposeAsync(
        Guid personId, Guid bondId, GrantInput input, CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, personId, ct) is not { } access)
            return (null, [("", GrantProblem.NotFound)]);
        if (access.OtherMemberId is null)
            return (null, [("", GrantProblem.SpaceNotComplete)]);
        var today = await day.TodayAsync(personId, ct);
        var problems = Check(input, today, needsEmail: true, out var email);
        if (problems.Count > 0)
            return (null, problems);

        var now = clock.GetUtcNow();
        // Counted under the space's row lock, so two proposals at once cannot both slip under the limit.
        await db.Database.ExecuteSqlAsync($"select id from bonds where id = {bondId} for no key update", ct);
        if (await db.Set<CounsellorGrant>().CountAsync(g => g.BondId == bondId && g.CounsellorId == null && g.RevokedAt == null
                && g.TokenExpiresAt > now, ct) >= MaxWaitingLinks)
            return (null, [("", GrantProblem.TooManyWaiting)]);
        var (token, hash) = InvitationToken.Create();
        var grant = new CounsellorGrant
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            ProposedBy = personId,
            TokenHash = hash,
            TokenExpiresAt = now + LinkLifetime,
            Version = 1,
            CreatedAt = now,
        };
        await ApplyAsync(grant, input, personId, ct);
        db.Add(grant);
        db.Add(new CounsellorConsent { GrantId = grant.Id, BondId = bondId, PersonId = personId, Version = 1, ConsentedAt = now });
        audit.Record(AuditKinds.CounselProposed, personId, bondId);
        await db.SaveChangesAsync(ct);
        await emails.SendInvitationAsync(email!, token, grant.TokenExpiresAt, ct);
        return (new ProposedGrant(grant.Id, token, grant.TokenExpiresAt), []);
    }

    /// <summary>Changes what an open grant shows; it becomes a new version, which only the changer has said yes to.
    /// <paramref name="baseVersion"/> is the version the change was made from.</summary>
    public async Task<IReadOnlyList<(string Field, GrantProblem Problem)>> ChangeAsync(Guid personId, Guid bondId, Guid grantId,
        int baseVersion, GrantInput input, CancellationToken ct = default)
    {
        if (await OpenGrantAsync(personId, bondId, grantId, ct) is not { } found)
            return [("", GrantProblem.NotFound)];
        if (found.Problem is { } ended)
            return [("", ended)];
        var grant = found.Grant!;
        if (grant.Version != baseVersion)
            return [("", GrantProblem.VersionChanged)];
        var problems = Check(input, await day.TodayAsync(personId, ct), needsEmail: false, out _);
        if (problems.Count > 0)
            return problems;

        grant.Version++;
        await ApplyAsync(grant, input, personId, ct);
        await db.Set<CounsellorConsent>().Where(c => c.GrantId == grantId).ExecuteDeleteAsync(ct);
        db.Add(new CounsellorConsent { GrantId = grantId, BondId = bondId, PersonId = personId, Version = grant.Version, ConsentedAt = clock.GetUtcNow() });
        audit.Record(AuditKinds.CounselChanged, personId, bondId);
        await db.SaveChangesAsync(ct);
        return [];
    }

    /// <summary>This member's yes to <paramref name="version"/> of the grant: only to the version they read.</summary>
    public async Task<GrantProblem?> ConsentAsync(Guid personId, Guid bondId, Guid grantId, int version, CancellationToken ct = default)
    {
        if (await OpenGrantAsync(personId, bondId, grantId, ct) is not { } found)
            return GrantProblem.NotFound;
        if (found.Problem is { } ended)
            return ended;
        var grant = found.Grant!;
        if (grant.Version != version)
            return GrantProblem.VersionChanged;
        var consent = await db.Set<CounsellorConsent>().SingleOrDefaultAsync(c => c.GrantId == grantId && c.PersonId == personId, ct);
        if (consent?.Version == version)
            return null;
        if (consent is null)
            db.Add(consent = new CounsellorConsent { GrantId = grantId, BondId = bondId, PersonId = personId });
        consent.Version = version;
        consent.ConsentedAt = clock.GetUtcNow();
        audit.Record(AuditKinds.CounselConsented, personId, bondId);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Ends the grant for good; the counsellor's next request (and open page) gets nothing. Revoking an
    /// ended grant again is fine.</summary>
    public async Task<GrantProblem?> RevokeAsync(Guid personId, Guid bondId, Guid grantId, CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, personId, ct) is null)
            return GrantProblem.NotFound;
        var grant = await db.Set<CounsellorGrant>().SingleOrDefaultAsync(g => g.Id == grantId && g.BondId == bondId, ct);
        if (grant is null)
            return GrantProblem.NotFound;
        if (grant.RevokedAt is not null)
            return null;
        grant.RevokedAt = clock.GetUtcNow();
        grant.RevokedBy = personId;
        audit.Record(AuditKinds.CounselRevoked, personId, bondId);
        await db.SaveChangesAsync(ct);
        if (grant.CounsellorId is { } counsellor)
            await live.ToCounsellorAsync(bondId, counsellor, RevokedKind, grantId, ct);
        return null;
    }

    /// <summary>The space's grants, newest first, and its counsellor reads (newest first, the last 100); null when the
    /// space is not the person's.</summary>
    public async Task<(IReadOnlyList<GrantView> Grants, IReadOnlyList<GrantRead> Reads)?> ListAsync(Guid personId, Guid bondId, CancellationToken ct = default)
    {
        if (await spaces.ForWritingAsync(bondId, personId, ct) is not { } access)
            return null;
        var now = clock.GetUtcNow();
        var rows = await (
            from g in db.Set<CounsellorGrant>().AsNoTracking()
            where g.BondId == bondId
            join p in db.Users on g.CounsellorId equals p.Id into counsellors
            from p in counsellors.DefaultIfEmpty()
            orderby g.CreatedAt descending
            select new
            {
                Grant = g,
                Name = p == null ? null : p.DisplayName,
                Practice = p == null ? null : p.PracticeName,
                Consents = db.Set<CounsellorConsent>().Where(c => c.GrantId == g.Id && c.Version == g.Version).Select(c => c.PersonId).ToList(),
            }).ToListAsync(ct);
        var grants = new List<GrantView>(rows.Count);
        foreach (var row in rows)
        {
            var g = row.Grant;
            var mine = row.Consents.Contains(personId);
            var theirs = access.OtherMemberId is { } other && row.Consents.Contains(other);
            var state = g.RevokedAt is not null ? GrantState.Revoked
                : access.OtherMemberId is null ? GrantState.Ended
                : g.ExpiresAt <= now ? GrantState.Expired
                : g.CounsellorId is null && g.TokenExpiresAt <= now ? GrantState.LinkExpired
                : !mine ? GrantState.WaitingForYou
                : !theirs ? GrantState.WaitingForOther
                : g.CounsellorId is null ? GrantState.WaitingForCounsellor
                : GrantState.Active;
            grants.Add(new GrantView(g.Id, g.Version, state, CounselScopes.Ordered(g.Scopes), g.VisibleFrom, g.VisibleUntil, g.ExpiresAt,
                await encryption.DecryptAsync(bondId, ShownAsField(g.Id), g.ShownAsCipher, ct),
                g.PurposeCipher is null ? null : await encryption.DecryptAsync(bondId, PurposeField(g.Id), g.PurposeCipher, ct),
                row.Name, row.Practice, g.ProposedBy == personId, mine, theirs, g.CreatedAt, g.ChangedAt, g.TakenAt, g.RevokedAt,
                g.RevokedBy == personId));
        }

        var reads = await (
            from e in db.AuditEvents.AsNoTracking()
            where e.BondId == bondId && e.Kind == AuditKinds.CounselRead
            join p in db.Users on e.PersonId equals p.Id
            orderby e.OccurredAt descending
            select new { e.OccurredAt, p.DisplayName, e.Detail }).Take(100).ToListAsync(ct);
        return (grants, reads.Select(r => CounselRecord.ReadOf(r.OccurredAt, r.DisplayName, r.Detail)).ToList());
    }

    private async Task<(CounsellorGrant? Grant, GrantProblem? Problem)?> OpenGrantAsync(Guid personId, Guid bondId, Guid grantId, CancellationToken ct)
    {
        if (await spaces.ForWritingAsync(bondId, personId, ct) is not { } access)
            return null;
        // Locked until the request commits: a yes and a change arriving together are served one after the other,
        // so a yes always belongs to the version its giver read.
        var grant = (await db.Set<CounsellorGrant>()
            .FromSql($"select * from counsellor_grants where id = {grantId} and bond_id = {bondId} for update")
            .AsTracking().ToListAsync(ct)).SingleOrDefault();
        if (grant is null)
            return null;
        var now = clock.GetUtcNow();
        var ended = grant.RevokedAt is not null || grant.ExpiresAt <= now || access.OtherMemberId is null
            || (grant.CounsellorId is null && grant.TokenExpiresAt <= now);
        return (grant, ended ? GrantProblem.AlreadyEnded : null);
    }

    private async Task ApplyAsync(CounsellorGrant grant, GrantInput input, Guid personId, CancellationToken ct)
    {
        var zone = await day.ZoneAsync(personId, ct);
        grant.Scopes = CounselScopes.Ordered(input.Scopes!);
        grant.VisibleFrom = input.VisibleFrom!.Value;
        grant.VisibleUntil = input.VisibleUntil;
        grant.ExpiresAt = EndOfDay(input.ExpiresOn!.Value, zone);
        grant.ShownAsCipher = await encryption.EncryptAsync(grant.BondId, ShownAsField(grant.Id), FreeText.Normalize(input.ShownAs)!, ct);
        grant.PurposeCipher = FreeText.Normalize(input.Purpose) is { } purpose
            ? await encryption.EncryptAsync(grant.BondId, PurposeField(grant.Id), purpose, ct)
            : null;
        grant.ChangedAt = clock.GetUtcNow();
    }

    /// <summary>The first moment after <paramref name="date"/> in the person's time zone: a grant "until the 4th"
    /// lasts through the 4th.</summary>
    public static DateTimeOffset EndOfDay(DateOnly date, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var local = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(zone.IsInvalidTime(local) ? local.AddHours(1) : local, zone), TimeSpan.Zero);
    }

    /// <summary>Every rule a proposal must meet, each with the field it belongs to.</summary>
    public static List<(string Field, GrantProblem Problem)> Check(GrantInput input, DateOnly today, bool needsEmail, out string? email)
    {
        var problems = new List<(string, GrantProblem)>();
        email = null;
        if (needsEmail)
        {
            if (AccountRules.TryNormalizeEmail(input.Email, out var normalized))
                email = normalized;
            else
                problems.Add(("Email", GrantProblem.EmailInvalid));
        }
        var scopes = input.Scopes?.Where(s => !string.IsNullOrEmpty(s)).ToList() ?? [];
        if (scopes.Count == 0)
            problems.Add(("Scopes", GrantProblem.NoScope));
        else if (!scopes.All(CounselScopes.IsKnown))
            problems.Add(("Scopes", GrantProblem.UnknownScope));
        if (input.VisibleFrom is null)
            problems.Add(("VisibleFrom", GrantProblem.FromMissing));
        else if (input.VisibleUntil is { } until && until < input.VisibleFrom)
            problems.Add(("VisibleUntil", GrantProblem.RangeBackwards));
        if (input.ExpiresOn is not { } expires)
            problems.Add(("ExpiresOn", GrantProblem.ExpiryMissing));
        else if (expires < today)
            problems.Add(("ExpiresOn", GrantProblem.ExpiryInPast));
        else if (expires > today.AddDays(MaxDays))
            problems.Add(("ExpiresOn", GrantProblem.ExpiryTooFar));
        var shownAs = FreeText.Normalize(input.ShownAs);
        if (shownAs is null)
            problems.Add(("ShownAs", GrantProblem.ShownAsMissing));
        else if (shownAs.Length > ShownAsMaxLength)
            problems.Add(("ShownAs", GrantProblem.ShownAsTooLong));
        else if (FreeText.HasControlCharacters(shownAs) || shownAs.Contains('\n'))
            problems.Add(("ShownAs", GrantProblem.ControlCharacters));
        if (FreeText.Normalize(input.Purpose) is { } purpose)
        {
            if (purpose.Length > PurposeMaxLength)
                problems.Add(("Purpose", GrantProblem.PurposeTooLong));
            else if (FreeText.HasControlCharacters(purpose))
                problems.Add(("Purpose", GrantProblem.ControlCharacters));
        }
        return problems;
    }
}
