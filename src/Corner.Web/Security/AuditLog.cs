using Corner.Web.Data;

namespace Corner.Web.Security;

/// <summary>The kinds of audit event. Stored as text; never carries intimate content.</summary>
public static class AuditKinds
{
    public const string SignInSucceeded = "sign_in.succeeded";
    public const string SignInFailed = "sign_in.failed";
    public const string SignInLockedOut = "sign_in.locked_out";
    public const string SignedOutEverywhere = "sign_out.everywhere";
    public const string SessionEnded = "sign_out.device";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset";
    public const string TwoFactorEnabled = "two_factor.enabled";
    public const string TwoFactorDisabled = "two_factor.disabled";
    public const string RecoveryCodesGenerated = "two_factor.recovery_codes_generated";
    public const string RecoveryCodeUsed = "two_factor.recovery_code_used";
    public const string PasskeyAdded = "passkey.added";
    public const string PasskeyRemoved = "passkey.removed";
    public const string InvitationCreated = "invitation.created";
    public const string InvitationRedeemed = "invitation.redeemed";
    public const string InvitationRevoked = "invitation.revoked";
    public const string BondCreated = "bond.created";
    public const string BondJoined = "bond.joined";
    public const string BondLeft = "bond.left";

    /// <summary>Someone took back something they had shared; the detail names the kind of entry only.</summary>
    public const string EntryTakenBack = "entry.taken_back";
    public const string SpaceKeyDestroyed = "bond.key_destroyed";

    /// <summary>Someone deleted their account; the person id now points at an empty tombstone.</summary>
    public const string AccountDeleted = "account.deleted";
    public const string EmailChangeRequested = "email.change_requested";
    public const string EmailChanged = "email.changed";

    // The outside view (Features/Counsel): a grant's life, and every counsellor read, on the space's record.
    public const string CounselProposed = "counsel.proposed";
    public const string CounselChanged = "counsel.changed";
    public const string CounselConsented = "counsel.consented";
    public const string CounselRevoked = "counsel.revoked";
    public const string CounselTaken = "counsel.taken";
    public const string CounselSuggested = "counsel.suggested";
    public const string CounselSuggestionTried = "counsel.suggestion_tried";
    public const string CounselSuggestionClosed = "counsel.suggestion_closed";

    /// <summary>A counsellor read a page of the space; the detail names the page and the scopes, never content.</summary>
    public const string CounselRead = "counsel.read";
}

/// <summary>Appends audit events in the current unit of work (they commit with the request).</summary>
public sealed class AuditLog(CornerDbContext db, TimeProvider clock)
{
    public void Record(string kind, Guid? personId, Guid? bondId = null, string? detail = null) =>
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Kind = kind,
            PersonId = personId,
            BondId = bondId,
            Detail = detail,
        });
}
