using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// The privacy centre's account activity: the person's own sign-ins and security changes from the audit trail,
/// newest first. Only the kind and the time are read; the detail column is never shown (no addresses, no text).
/// </summary>
public sealed class PrivacyCentre(CornerDbContext db)
{
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
    };

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
