namespace Corner.Web.Features.Counsel;

/// <summary>
/// The parts of a space a grant can let a counsellor read. Each id maps to a feature of the database rule in
/// 0034_counsellors.sql (corner_scope_features); what a scope shows within that feature is decided here and in
/// <see cref="BetweenSessions"/>. Entries nobody shared (a private check-in, a cycle half kept as a draft) are in no
/// scope: the database never shows them to anyone but their writer.
/// </summary>
public static class CounselScopes
{
    /// <summary>Days checked in, how supported each felt, reflections read right: numbers only, never a note.</summary>
    public const string Trends = "trends";

    /// <summary>The check-ins shared into the space, with their notes.</summary>
    public const string CheckIns = "check-ins";

    /// <summary>Moments and missed moments, counted: how many, whether they helped, repairs. Never their words.</summary>
    public const string Moments = "moments";

    /// <summary>The moments and missed moments themselves, with their words.</summary>
    public const string MomentWords = "moment-words";

    /// <summary>The pauses taken, and the space's reconnection plan in their words.</summary>
    public const string Reconnection = "reconnection";

    /// <summary>Both halves of the cycle as they shared them, the loop, and how often the cycle showed up and how fast
    /// they came back (never the notes on those times).</summary>
    public const string Cycle = "cycle";

    /// <summary>Which areas of the partner map each has explored and shared: never the answers.</summary>
    public const string MapAreas = "map-areas";

    /// <summary>The partner-map answers each shared with the other, in their words.</summary>
    public const string MapAnswers = "map-answers";

    /// <summary>The latest strengths-quiz result they both saw: the relationship's profile, never whose view is whose.</summary>
    public const string Quiz = "quiz";

    /// <summary>Every scope, in the order the pages list them.</summary>
    public static readonly IReadOnlyList<string> All = [Trends, CheckIns, Moments, MomentWords, Reconnection, Cycle, MapAreas, MapAnswers, Quiz];

    public static bool IsKnown(string? scope) => scope is not null && All.Contains(scope);

    /// <summary>The scopes in <see cref="All"/>'s order, each once.</summary>
    public static string[] Ordered(IEnumerable<string> scopes) => [.. All.Where(scopes.Contains)];

    /// <summary>The resource key stem for a scope's name and description ("Scope_CheckIns").</summary>
    public static string Key(string scope) => "Scope_" + string.Concat(scope.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
}
