using Corner.Web.Features.Appreciations;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Counsel;
using Corner.Web.Features.CycleMap;
using Corner.Web.Features.Export;
using Corner.Web.Features.Moments;
using Corner.Web.Features.PartnerMap;
using Corner.Web.Features.Reconnection;
using Corner.Web.Infrastructure;
using Corner.Web.Security;

namespace Corner.Web.Data;

/// <summary>One table that holds a person's or a space's data, and what happens to it.</summary>
/// <param name="Table">The table's name in PostgreSQL.</param>
/// <param name="Holds">What it holds, in a few words.</param>
/// <param name="Export">How it goes into a person's export.</param>
/// <param name="Erasure">What account deletion does with it.</param>
/// <param name="Erase">The SQL account deletion runs for it, in system scope, with <c>@person</c> (who is deleted) and
/// <c>@now</c>; null when the table keeps its rows (the reason is in <paramref name="Erasure"/>) or when
/// <see cref="Features.Accounts.AccountDeletion"/> handles it itself (the keys).</param>
public sealed record DataInventoryEntry(string Table, string Holds, string Export, string Erasure, string? Erase = null);

/// <summary>Whose data key seals a column: the space's (<c>data_keys.owner_id</c> = the bond) or the person's.</summary>
public enum SealedBy
{
    Space,
    Person,
}

/// <summary>
/// One column that holds sealed words (<see cref="FieldEncryption"/>), and how to find each value's address, so the
/// words of a space can be sealed again under a new key (<see cref="FieldEncryption.RotateAsync"/>).
/// </summary>
/// <param name="OwnerColumn">The column holding the key's owner (the bond or the person).</param>
/// <param name="KeyColumns">The columns that identify a row; <paramref name="Address"/> gets their values in order.</param>
/// <param name="Address">The address the feature seals the value with (its own function, so the two cannot drift).</param>
public sealed record SealedColumn(string Table, string Column, SealedBy Owner, string OwnerColumn, string[] KeyColumns,
    Func<IReadOnlyList<Guid>, FieldAddress> Address);

/// <summary>
/// Every table that holds a person's or a space's data (issue 14 item 8). A feature that adds such a table adds
/// an entry here; <c>DataInventoryCatalogTests</c> reads PostgreSQL's catalog and fails when one is missing or
/// when an entry names a table that no longer exists.
/// <para>
/// Export reads each table as <see cref="DataInventoryEntry.Export"/> says (each feature's <c>IExportSource</c>);
/// account deletion runs every <see cref="DataInventoryEntry.Erase"/> in this order, then rotates or destroys the keys
/// the person's words were sealed with (<see cref="Features.Accounts.AccountDeletion"/>, docs/deleting-an-account.md).
/// </para>
/// </summary>
public static class DataInventory
{
    private const string Own = "rows the person wrote, decrypted";
    private const string OwnPlain = "the person's rows";
    private const string SpaceRows = "the space's rows the person can see, decrypted";
    private const string Operational = "not exported: operational";
    private const string Deleted = "rows deleted";
    private const string WithSpace = "kept while the other person stays in the space; crypto-shredded with the space's key when the space ends";
    private const string OthersWords = "the person's rows deleted; the other person's words kept";

    public static readonly IReadOnlyList<DataInventoryEntry> Entries =
    [
        // Accounts
        new("people", "account: email, display name, theme", OwnPlain,
            "emptied into a tombstone (no email, name, password or second factor; deleted_at set), so the other person's rows that name it keep their references",
            """
            update people set display_name = '', email = null, normalized_email = null, user_name = null,
                normalized_user_name = null, email_confirmed = false, password_hash = null,
                security_stamp = gen_random_uuid()::text, concurrency_stamp = gen_random_uuid()::text,
                phone_number = null, phone_number_confirmed = false, two_factor_enabled = false,
                lockout_enabled = true, lockout_end = 'infinity', access_failed_count = 0, theme = 'system',
                deleted_at = @now
            where id = @person
            """),
        new("person_claims", "account claims", OwnPlain, Deleted, "delete from person_claims where user_id = @person"),
        new("person_logins", "outside sign-in links", OwnPlain, Deleted, "delete from person_logins where user_id = @person"),
        new("person_tokens", "sign-in and recovery tokens", Operational, Deleted, "delete from person_tokens where user_id = @person"),
        new("sessions", "the browsers and apps signed in: browser and platform names, a shortened network", Operational, Deleted,
            "delete from sessions where person_id = @person"),
        new("person_passkeys", "passkeys (public keys only)", "passkey names and dates", Deleted, "delete from person_passkeys where user_id = @person"),
        // Spaces
        new("bonds", "a space: its sealed name, who made it", SpaceRows, WithSpace + "; its key is rotated when a member deletes their account"),
        new("bond_members", "who is in which space", OwnPlain, "the person's memberships end at once: each space closes for the other person",
            "update bond_members set left_at = @now where person_id = @person and left_at is null"),
        new("invitations", "invitation links (hashed) and who made or used them", Operational, "the person's open links revoked; no words to erase",
            "update invitations set revoked_at = @now where created_by = @person and redeemed_at is null and revoked_at is null"),
        new("data_keys", "sealed encryption keys, one per space and one per person", Operational,
            "the person's own key destroyed; each space they were in gets a new key for the other person's words and its older keys are destroyed (AccountDeletion; crypto-shredding); a space's key destroyed 30 days after its last member left (ClosedSpaceKeyShredding)"),
        new("audit_events", "who did what, when (no words)", OwnPlain,
            "kept: holds no words, and the person's id only points at the emptied tombstone"),
        new("live_events", "short-lived 'something new' notes for live updates", Operational, Deleted,
            "delete from live_events where recipient_id = @person"),
        // Check-ins: a reflection the other person wrote on the person's check-in stays theirs, without the answer
        // the person gave it; then the person's shares and check-ins go.
        new("reflections", "sealed reflections on a check-in", Own, OthersWords,
            """
            delete from reflections where author_id = @person;
            update reflections set response = null, responded_at = null
            where check_in_id in (select id from check_ins where person_id = @person)
            """),
        new("check_in_shares", "check-ins shared into a space", SpaceRows, Deleted, "delete from check_in_shares where person_id = @person"),
        new("check_ins", "a person's check-ins and sealed notes", Own, Deleted, "delete from check_ins where person_id = @person"),
        new("check_ins_seen", "when a person last looked", Operational, Deleted, "delete from check_ins_seen where person_id = @person"),
        new("reminder_settings", "reminder choices", OwnPlain, Deleted, "delete from reminder_settings where person_id = @person"),
        // Partner map
        new("map_self_answers", "a person's sealed answers about themselves", Own, Deleted, "delete from map_self_answers where person_id = @person"),
        new("map_guesses", "sealed guesses about the other person", SpaceRows, OthersWords + " (without the person's mark and note on them)",
            """
            delete from map_guesses where guesser_id = @person;
            update map_guesses set mark = null, note_cipher = null, compared_at = null where subject_id = @person
            """),
        new("map_trust", "who chose to share with whom", OwnPlain, Deleted, "delete from map_trust where person_id = @person"),
        new("map_question_offers", "which question was offered on which day", Operational, Deleted,
            "delete from map_question_offers where person_id = @person"),
        // Appreciations and backing
        new("appreciations", "sealed appreciations", SpaceRows, OthersWords, "delete from appreciations where author_id = @person"),
        new("backing_statements", "sealed backing statements", SpaceRows, OthersWords, "delete from backing_statements where author_id = @person"),
        new("backing_asks", "sealed asks for backing", SpaceRows, OthersWords + " (a moment the other person recorded for an ask keeps itself, not the ask)",
            """
            update moments set ask_id = null where ask_id in (select id from backing_asks where asker_id = @person);
            delete from backing_asks where asker_id = @person
            """),
        // Moments
        new("moments", "sealed moments", SpaceRows, OthersWords + " (without the person's answer to them)",
            """
            delete from moments where supporter_id = @person;
            update moments set answer = null, more_cipher = null, answered_at = null where backed_id = @person
            """),
        new("missed_moments", "sealed missed moments and responses", SpaceRows, OthersWords + " (without the person's response to them)",
            """
            delete from missed_moments where author_id = @person;
            update missed_moments set response_cipher = null, responded_at = null, other_repaired_at = null where other_id = @person
            """),
        new("moment_nudge_settings", "nudge choices", OwnPlain, Deleted, "delete from moment_nudge_settings where person_id = @person"),
        // Cycle map
        new("cycle_halves", "each person's sealed half of the cycle", SpaceRows, OthersWords, "delete from cycle_halves where person_id = @person"),
        new("cycle_times", "sealed notes on times the cycle came up", SpaceRows, OthersWords, "delete from cycle_times where noted_by = @person"),
        // Reconnection
        new("reconnection_plans", "the space's sealed reconnection plan", SpaceRows,
            "deleted when the person wrote its latest words; otherwise the other person's words, kept under the space's new key",
            "delete from reconnection_plans where updated_by = @person"),
        new("reconnection_plan_changes", "who changed the plan, when", SpaceRows, "kept (no words) while the plan stays; deleted with it"),
        new("reconnection_plan_confirmations", "who agreed to the plan", OwnPlain, Deleted,
            "delete from reconnection_plan_confirmations where person_id = @person"),
        new("pauses", "pauses taken and who started or ended them", SpaceRows, "kept: holds no words"),
        // Quiz
        new("quiz_rounds", "quiz rounds in a space", SpaceRows, WithSpace),
        new("quiz_answers", "a person's quiz answers", OwnPlain, Deleted, "delete from quiz_answers where person_id = @person"),
        new("quiz_finishes", "who finished a round", OwnPlain, Deleted, "delete from quiz_finishes where person_id = @person"),
        // The outside view: what a counsellor may read, and each member's yes. Every read is in audit_events.
        new("counsellor_grants", "what a space lets a counsellor read, until when, with a sealed name and purpose", Operational,
            "revoked: grants the person proposed, or took as a counsellor, end at once",
            "update counsellor_grants set revoked_at = @now where (proposed_by = @person or counsellor_id = @person) and revoked_at is null"),
        new("counsellor_consents", "each member's yes to a grant", Operational, Deleted, "delete from counsellor_consents where person_id = @person"),
        new("counsellor_suggestions", "a counsellor's suggested practice for the week, a sealed note, who tried it", Operational,
            "a counsellor's notes erased and their open suggestions closed; a member's name taken off who tried it",
            """
            update counsellor_suggestions set note_cipher = null, closed_at = coalesce(closed_at, @now),
                closed_as = coalesce(closed_as, 'dismissed') where counsellor_id = @person;
            update counsellor_suggestions set tried_by = array_remove(tried_by, @person) where @person = any(tried_by)
            """),
        // Push
        new("push_subscriptions", "a device's push address", Operational, Deleted, "delete from push_subscriptions where person_id = @person"),
        // Export
        new("exports", "a person's sealed export file while it waits to be downloaded (24 hours)", Operational, Deleted,
            "delete from exports where person_id = @person"),
        // Background work
        new("jobs", "queued work (reminders, nudges) that may name a person", Operational, "the person's jobs deleted",
            "delete from jobs where payload::text like '%' || @person::text || '%'"),
    ];

    private static readonly string[] ById = ["id"];

    /// <summary>Every column of sealed words. <c>SealedColumnCatalogTests</c> fails when a bytea column is neither
    /// here nor in <see cref="NotWords"/>, so a new feature's words cannot miss a key rotation.</summary>
    public static readonly IReadOnlyList<SealedColumn> Sealed =
    [
        new("bonds", "name_cipher", SealedBy.Space, "id", ById, k => BondQueries.NameField(k[0])),
        new("check_ins", "note_cipher", SealedBy.Person, "person_id", ById, k => CheckInRecorder.PersonalNoteField(k[0])),
        new("check_in_shares", "note_cipher", SealedBy.Space, "bond_id", ["check_in_id", "bond_id"], k => CheckInRecorder.SharedNoteField(k[0], k[1])),
        new("reflections", "words_cipher", SealedBy.Space, "bond_id", ById, k => ReflectionWriter.WordsField(k[0])),
        new("map_self_answers", "text_cipher", SealedBy.Space, "bond_id", ById, k => MapWriter.SelfTextField(k[0])),
        new("map_guesses", "text_cipher", SealedBy.Space, "bond_id", ById, k => MapWriter.GuessTextField(k[0])),
        new("map_guesses", "note_cipher", SealedBy.Space, "bond_id", ById, k => MapWriter.GuessNoteField(k[0])),
        new("appreciations", "words_cipher", SealedBy.Space, "bond_id", ById, k => AppreciationWriter.WordsField(k[0])),
        new("backing_statements", "words_cipher", SealedBy.Space, "bond_id", ById, k => BackingStatementWriter.WordsField(k[0])),
        new("backing_asks", "situation_cipher", SealedBy.Space, "bond_id", ById, k => BackingAskWriter.Field(k[0], "situation")),
        new("backing_asks", "help_cipher", SealedBy.Space, "bond_id", ById, k => BackingAskWriter.Field(k[0], "help")),
        .. new[] { "situation", "noticed", "sided", "action", "more", "reinforce" }.Select(c =>
            new SealedColumn("moments", c + "_cipher", SealedBy.Space, "bond_id", ById, k => MomentWriter.Field(k[0], c))),
        .. new[] { "what", "reflection", "response" }.Select(c =>
            new SealedColumn("missed_moments", c + "_cipher", SealedBy.Space, "bond_id", ById, k => MissedMomentWriter.Field(k[0], c))),
        .. new[] { "trigger", "reaction", "surface", "underneath", "need", "to_know" }.Select(c =>
            new SealedColumn("cycle_halves", c + "_cipher", SealedBy.Space, "bond_id", ById, k => CycleHalfWriter.Field(c, k[0]))),
        new("cycle_times", "note_cipher", SealedBy.Space, "bond_id", ById, k => CycleTimeRecorder.NoteField(k[0])),
        .. Enum.GetValues<PlanPart>().Select(part =>
            new SealedColumn("reconnection_plans", SnakeCase.Of(part) + "_cipher", SealedBy.Space, "bond_id", ["bond_id"],
                k => ReconnectionPlans.PartField(k[0], part))),
        new("counsellor_grants", "shown_as_cipher", SealedBy.Space, "bond_id", ById, k => CounselGrants.ShownAsField(k[0])),
        new("counsellor_grants", "purpose_cipher", SealedBy.Space, "bond_id", ById, k => CounselGrants.PurposeField(k[0])),
        new("counsellor_suggestions", "note_cipher", SealedBy.Space, "bond_id", ById, k => CounselSuggestions.NoteField(k[0])),
        new("exports", "file_cipher", SealedBy.Person, "person_id", ById, k => Exports.FileField(k[0])),
    ];

    /// <summary>bytea columns that hold no words: keys, hashes and public material.</summary>
    public static readonly IReadOnlyList<(string Table, string Column, string Why)> NotWords =
    [
        ("data_keys", "wrapped_key", "the data keys themselves, wrapped with the master key"),
        ("push_vapid_keys", "sealed_private_key", "the server's push key, sealed with the master key"),
        ("invitations", "token_hash", "a hash of the invitation link"),
        ("counsellor_grants", "token_hash", "a hash of the counsellor's link"),
        ("reminder_settings", "unsubscribe_token_hash", "a hash of the reminder stop link"),
        ("person_passkeys", "credential_id", "a passkey's public id"),
    ];
}
