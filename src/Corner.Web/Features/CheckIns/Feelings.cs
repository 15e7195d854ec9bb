namespace Corner.Web.Features.CheckIns;

public sealed record FeelingFamily(string Id, IReadOnlyList<string> Words);

/// <summary>
/// The two-layer feelings vocabulary: six core families (after Willcox's Feeling Wheel), each with
/// more precise words. Ids are stable data ("sad.lonely"); the words people see live in
/// CheckInsText.resx as Feeling_{family}_{word}, so they can be translated and the list can grow.
/// </summary>
public static class Feelings
{
    public static readonly IReadOnlyList<FeelingFamily> Families =
    [
        new("mad", ["irritated", "frustrated", "annoyed", "resentful", "jealous", "critical", "hurt", "hostile", "furious", "betrayed", "bitter"]),
        new("sad", ["lonely", "tired", "disappointed", "guilty", "ashamed", "hopeless", "grieving", "left_out", "discouraged", "heavy"]),
        new("scared", ["anxious", "overwhelmed", "insecure", "rejected", "helpless", "confused", "embarrassed", "worried", "inadequate", "on_edge"]),
        new("joyful", ["excited", "playful", "hopeful", "delighted", "grateful", "amused", "energetic", "cheerful", "creative", "relieved"]),
        new("powerful", ["proud", "confident", "respected", "appreciated", "capable", "valued", "seen", "worthwhile", "determined", "brave"]),
        new("peaceful", ["calm", "content", "loving", "trusting", "close", "safe", "relaxed", "thankful", "thoughtful", "secure"]),
    ];

    private static readonly HashSet<string> AllIds =
        Families.SelectMany(f => f.Words.Select(w => $"{f.Id}.{w}")).ToHashSet(StringComparer.Ordinal);

    public static int Count => AllIds.Count;

    public static bool IsKnown(string id) => AllIds.Contains(id);

    public static string FamilyOf(string id) => id[..id.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The resource key of a feeling's word, e.g. "Feeling_sad_left_out".</summary>
    public static string TextKey(string id) => "Feeling_" + id.Replace('.', '_');
}
