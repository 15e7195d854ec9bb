using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// The privacy centre: how much Corner holds of the person's own words, per space, and their account activity
/// (sign-ins, security changes and trust-screen passes from the audit trail, newest first). Only counts, kinds
/// and times are read: never the words, and never an audit event's detail (no addresses, no text).
/// </summary>
public sealed class PrivacyCentre(CornerDbContext db, BondQueries bonds)
{
    /// <summary>The kinds of entry counted per space, in the order they are shown, with their resource key.
    /// The SQL in <see cref="HoldingsAsync"/> gives each of its counts one of these kinds.</summary>
    public static readonly IReadOnlyDictionary<string, string> HeldKinds = new Dictionary<string, string>
    {
        ["shared_check_ins"] = "Privacy_Held_SharedCheckIns",
        ["reflections"] = "Privacy_Held_Reflections",
        ["map_answers"] = "Privacy_Held_MapAnswers",
        ["map_guesses"] = "Privacy_Held_MapGuesses",
        ["appreciations"] = "Privacy_Held_Appreciations",
        ["backing_statements"] = "Privacy_Held_BackingStatements",
        ["moments"] = "Privacy_Held_Moments",
        ["missed_moments"] = "Privacy_Held_MissedMoments",
        ["asks"] = "Privacy_Held_Asks",
        ["cycle_halves"] = "Privacy_Held_CycleHalves",
        ["cycle_times"] = "Privacy_Held_CycleTimes",
        ["quiz_answers"] = "Privacy_Held_QuizAnswers",
    };

    public sealed record HeldCount(string Kind, int Count);

    /// <summary>One space and how many of each kind the person wrote there (kinds with none are left out).</summary>
    public sealed record SpaceHoldings(BondSummary Space, bool Left, IReadOnlyList<HeldCount> Counts);

    /// <summary>Every check-in the person made (shared or not), and what they wrote in each space.</summary>
    public sealed record Holdings(int CheckIns, IReadOnlyList<SpaceHoldings> Spaces);

    private sealed record CountRow(Guid? BondId, string Kind, int Count);

    /// <summary>Counts of the person's own entries, per space, in one query (row-level security keeps it to theirs).</summary>
    public async Task<Holdings> HoldingsAsync(Person person, CancellationToken ct)
    {
        var p = person.Id;
        var rows = await db.Database.SqlQuery<CountRow>($"""
            select null::uuid as "BondId", 'check_ins' as "Kind", count(*)::int as "Count" from check_ins where person_id = {p}
            union all select bond_id, 'shared_check_ins', count(*)::int from check_in_shares where person_id = {p} group by bond_id
            union all select bond_id, 'reflections', count(*)::int from reflections where author_id = {p} group by bond_id
            union all select bond_id, 'map_answers', count(*)::int from map_self_answers where person_id = {p} group by bond_id
            union all select bond_id, 'map_guesses', count(*)::int from map_guesses where guesser_id = {p} group by bond_id
            union all select bond_id, 'appreciations', count(*)::int from appreciations where author_id = {p} group by bond_id
            union all select bond_id, 'backing_statements', count(*)::int from backing_statements where author_id = {p} group by bond_id
            union all select bond_id, 'moments', count(*)::int from moments where supporter_id = {p} or backed_id = {p} group by bond_id
            union all select bond_id, 'missed_moments', count(*)::int from missed_moments where author_id = {p} group by bond_id
            union all select bond_id, 'asks', count(*)::int from backing_asks where asker_id = {p} group by bond_id
            union all select bond_id, 'cycle_halves', count(*)::int from cycle_halves where person_id = {p} group by bond_id
            union all select bond_id, 'cycle_times', count(*)::int from cycle_times where noted_by = {p} group by bond_id
            union all select bond_id, 'quiz_answers', count(*)::int from quiz_answers where person_id = {p} group by bond_id
            """).ToListAsync(ct);
        var spaces = await bonds.ListAllForPersonAsync(p, ct);
        var order = HeldKinds.Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        return new Holdings(
            rows.Where(r => r.BondId is null).Sum(r => r.Count),
            [.. spaces.Select(s => new SpaceHoldings(s.Space, s.LeftAt is not null,
                [.. rows.Where(r => r.BondId == s.Space.Id && r.Count > 0 && order.ContainsKey(r.Kind))
                    .OrderBy(r => order[r.Kind]).Select(r => new HeldCount(r.Kind, r.Count))]))]);
    }

    public const int PageSize = 50;

    /// <summary>The audit kinds that describe the person's own account, with their resource key.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActivityKinds = new Dictionary<string, string>
    {
        [AuditKinds.SignInSucceeded] = "Privacy_Activity_SignInSucceeded",
        [AuditKinds.SignInFailed] = "Privacy_Activity_SignInFailed",
        [AuditKinds.SignInLockedOut] = "Privacy_Activity_SignInLockedOut",
        [AuditKinds.SignedOutEverywhere] = "Privacy_Activity_SignedOutEverywhere",
        [AuditKinds.SessionEnded] = "Privacy_Activity_SessionEnded",
        [AuditKinds.PasswordChanged] = "Privacy_Activity_PasswordChanged",
        [AuditKinds.PasswordReset] = "Privacy_Activity_PasswordReset",
        [AuditKinds.TwoFactorEnabled] = "Privacy_Activity_TwoFactorEnabled",
        [AuditKinds.TwoFactorDisabled] = "Privacy_Activity_TwoFactorDisabled",
        [AuditKinds.RecoveryCodesGenerated] = "Privacy_Activity_RecoveryCodesGenerated",
        [AuditKinds.RecoveryCodeUsed] = "Privacy_Activity_RecoveryCodeUsed",
        [AuditKinds.PasskeyAdded] = "Privacy_Activity_PasskeyAdded",
        [AuditKinds.PasskeyRemoved] = "Privacy_Activity_PasskeyRemoved",
        [AuditKinds.EmailChangeRequested] = "Privacy_Activity_EmailChangeRequested",
        [AuditKinds.EmailChanged] = "Privacy_Activity_EmailChanged",
        [MapWriter.TrustConfirmedAudit] = "Privacy_Activity_TrustConfirmed",
        [AuditKinds.CounselProposed] = "Privacy_Activity_CounselProposed",
        [AuditKinds.CounselChanged] = "Privacy_Activity_CounselChanged",
        [AuditKinds.CounselConsented] = "Privacy_Activity_CounselConsented",
        [AuditKinds.CounselRevoked] = "Privacy_Activity_CounselRevoked",
        [AuditKinds.CounselTaken] = "Privacy_Activity_CounselTaken",
        [AuditKinds.CounselSuggested] = "Privacy_Activity_CounselSuggested",
        [AuditKinds.CounselSuggestionTried] = "Privacy_Activity_CounselSuggestionTried",
        [AuditKinds.CounselSuggestionClosed] = "Privacy_Activity_CounselSuggestionClosed",
    };

    /// <summary>A counsellor's read of one of the person's spaces (issue 12): who, when, which page and scopes.</summary>
    public sealed record CounsellorRead(DateTimeOffset At, Guid BondId, Counsel.GrantRead Read);

    /// <summary>The last 20 counsellor reads of the spaces the person is in now, newest first, in one query.</summary>
    public async Task<IReadOnlyList<CounsellorRead>> CounsellorReadsAsync(Person person, CancellationToken ct)
    {
        var rows = await (
            from e in db.AuditEvents.AsNoTracking()
            where e.Kind == AuditKinds.CounselRead
                && db.BondMembers.Any(m => m.BondId == e.BondId && m.PersonId == person.Id && m.LeftAt == null)
            join p in db.Users on e.PersonId equals p.Id
            orderby e.Id descending
            select new { e.OccurredAt, e.BondId, p.DisplayName, e.Detail }).Take(20).ToListAsync(ct);
        return rows.Select(r => new CounsellorRead(r.OccurredAt, r.BondId!.Value, Counsel.CounselRecord.ReadOf(r.OccurredAt, r.DisplayName, r.Detail))).ToList();
    }

    public sealed record Activity(long Id, string Kind, DateTimeOffset OccurredAt);

    public sealed record ActivityPage(IReadOnlyList<Activity> Items, long? OlderThan);

    /// <summary>Up to <see cref="PageSize"/> events older than <paramref name="before"/> (an event id), in one query.</summary>
    public async Task<ActivityPage> ActivityAsync(Person person, long? before, CancellationToken ct)
    {
        var kinds = ActivityKinds.Keys.ToArray();
        var query = db.AuditEvents.AsNoTracking()
            .Where(a => a.PersonId == person.Id && kinds.Contains(a.Kind));
        if (before is { } id)
            query = query.Where(a => a.Id < id);
        var rows = await query
            .OrderByDescending(a => a.Id)
            .Take(PageSize + 1)
            .Select(a => new Activity(a.Id, a.Kind, a.OccurredAt))
            .ToListAsync(ct);
        var more = rows.Count > PageSize;
        if (more)
            rows.RemoveAt(PageSize);
        return new ActivityPage(rows, more ? rows[^1].Id : null);
    }
}
