namespace Corner.Web.Features.CycleMap;

/// <summary>
/// What people tend to do when they feel unsafe: moving towards the other (fight, pursue) or away (flight,
/// withdraw). Ids are stable data ("flight.go_quiet"); the words people see live in CycleMapText.resx as
/// Behaviour_{side}_{word}, so they can be translated and the lists can grow.
/// </summary>
public static class CycleBehaviours
{
    public const string Fight = "fight";
    public const string Flight = "flight";

    public static readonly IReadOnlyList<string> FightIds =
    [
        "fight.criticise", "fight.raise_voice", "fight.chase_answer", "fight.insist_now",
        "fight.bring_up_past", "fight.get_sharp", "fight.follow", "fight.keep_going",
    ];

    public static readonly IReadOnlyList<string> FlightIds =
    [
        "flight.go_quiet", "flight.leave_room", "flight.shut_down", "flight.change_subject",
        "flight.get_busy", "flight.give_in", "flight.screen", "flight.say_fine",
    ];

    private static readonly HashSet<string> All = [.. FightIds, .. FlightIds];

    public static IEnumerable<string> AllIds => FightIds.Concat(FlightIds);

    public static bool IsKnown(string? id) => id is not null && All.Contains(id);

    /// <summary>The resource key of a behaviour's words, e.g. "Behaviour_flight_go_quiet".</summary>
    public static string TextKey(string id) => "Behaviour_" + id.Replace('.', '_');
}

/// <summary>The parts of the cycle someone can tick when noting that it happened.</summary>
public static class CycleParts
{
    public static readonly IReadOnlyList<string> Ids = ["set_off", "pursue", "withdraw", "hurt_underneath", "named_it"];

    public static bool IsKnown(string? id) => id is not null && Ids.Contains(id);

    public static string TextKey(string id) => "Part_" + id;
}

/// <summary>How soon the two found their way back to each other, from quickest to not yet.</summary>
public static class Reconnection
{
    public static readonly IReadOnlyList<string> Ids = ["within_hour", "same_day", "next_day", "longer", "not_yet"];

    public static bool IsKnown(string? id) => id is not null && Ids.Contains(id);

    public static string TextKey(string id) => "Reconnected_" + id;
}
