namespace Corner.Web.Data;

/// <summary>One table that holds a person's or a space's data, and what happens to it.</summary>
/// <param name="Table">The table's name in PostgreSQL.</param>
/// <param name="Holds">What it holds, in a few words.</param>
/// <param name="Export">How it goes into a person's export.</param>
/// <param name="Erasure">What account deletion does with it.</param>
public sealed record DataInventoryEntry(string Table, string Holds, string Export, string Erasure);

/// <summary>
/// Every table that holds a person's or a space's data (issue 14 item 8). A feature that adds such a table adds
/// an entry here; <c>DataInventoryCatalogTests</c> reads PostgreSQL's catalog and fails when one is missing or
/// when an entry names a table that no longer exists.
/// <para>
/// Export and account deletion are not built yet: <see cref="DataInventoryEntry.Export"/> and
/// <see cref="DataInventoryEntry.Erasure"/> are the rule they must follow, written down before the code.
/// Space words are sealed with the space's key (<c>data_keys</c>), so erasing a space's key erases its words.
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
        new("people", "account: email, display name, theme", OwnPlain, Deleted),
        new("person_claims", "account claims", OwnPlain, Deleted),
        new("person_logins", "outside sign-in links", OwnPlain, Deleted),
        new("person_tokens", "sign-in and recovery tokens", Operational, Deleted),
        new("person_passkeys", "passkeys (public keys only)", "passkey names and dates", Deleted),
        // Spaces
        new("bonds", "a space: its sealed name, who made it", SpaceRows, WithSpace),
        new("bond_members", "who is in which space", OwnPlain, Deleted),
        new("invitations", "invitation links (hashed) and who made or used them", Operational, "anonymised: who made or used it cleared"),
        new("data_keys", "sealed encryption keys, one per space", Operational,
            "a space's key destroyed 30 days after its last member left (ClosedSpaceKeyShredding; crypto-shredding)"),
        new("audit_events", "who did what, when (no words)", OwnPlain, "anonymised: the person cleared"),
        new("live_events", "short-lived 'something new' notes for live updates", Operational, Deleted),
        // Check-ins
        new("check_ins", "a person's check-ins and sealed notes", Own, Deleted),
        new("check_in_shares", "check-ins shared into a space", SpaceRows, OthersWords),
        new("reflections", "sealed reflections on a check-in", Own, OthersWords),
        new("check_ins_seen", "when a person last looked", Operational, Deleted),
        new("reminder_settings", "reminder choices", OwnPlain, Deleted),
        // Partner map
        new("map_self_answers", "a person's sealed answers about themselves", Own, Deleted),
        new("map_guesses", "sealed guesses about the other person", SpaceRows, OthersWords),
        new("map_trust", "who chose to share with whom", OwnPlain, Deleted),
        new("map_question_offers", "which question was offered on which day", Operational, Deleted),
        // Appreciations and backing
        new("appreciations", "sealed appreciations", SpaceRows, OthersWords),
        new("backing_statements", "sealed backing statements", SpaceRows, OthersWords),
        new("backing_asks", "sealed asks for backing", SpaceRows, OthersWords),
        // Moments
        new("moments", "sealed moments", SpaceRows, OthersWords),
        new("missed_moments", "sealed missed moments and responses", SpaceRows, OthersWords),
        new("moment_nudge_settings", "nudge choices", OwnPlain, Deleted),
        // Cycle map
        new("cycle_halves", "each person's sealed half of the cycle", SpaceRows, OthersWords),
        new("cycle_times", "sealed notes on times the cycle came up", SpaceRows, OthersWords),
        // Reconnection
        new("reconnection_plans", "the space's sealed reconnection plan", SpaceRows, WithSpace),
        new("reconnection_plan_changes", "who changed the plan, when", SpaceRows, "anonymised: the person cleared"),
        new("reconnection_plan_confirmations", "who agreed to the plan", OwnPlain, Deleted),
        new("pauses", "pauses taken and who started or ended them", SpaceRows, "anonymised: the person cleared"),
        // Quiz
        new("quiz_rounds", "quiz rounds in a space", SpaceRows, WithSpace),
        new("quiz_answers", "a person's quiz answers", OwnPlain, Deleted),
        new("quiz_finishes", "who finished a round", OwnPlain, Deleted),
        // Push
        new("push_subscriptions", "a device's push address", Operational, Deleted),
        // Export
        new("exports", "a person's sealed export file while it waits to be downloaded (24 hours)", Operational, Deleted),
        // Background work
        new("jobs", "queued work (reminders, nudges) that may name a person", Operational, "the person's jobs deleted"),
    ];
}
