namespace Corner.Web.Features.PartnerMap;

/// <summary>One of the ten areas of the partner map (practice P1, docs/architecture.md). Tender areas hold the answers people guard most.</summary>
public sealed record MapArea(string Id, bool Tender, IReadOnlyList<MapQuestion> Questions)
{
    public string NameKey => $"Area_{Id}";
    public string HintKey => $"AreaHint_{Id}";
}

/// <summary>A question of the map. Its id ("stress.2") is stable and stored with answers; its text lives in the resx.</summary>
public sealed record MapQuestion(string Id, MapArea Area, int Number)
{
    public string TextKey => $"Question_{Area.Id}_{Number}";
}

/// <summary>
/// The question bank, as data: each area and how many questions it has. The text of question n of an area is
/// <c>Question_{area}_{n}</c> in PartnerMapText.resx, so the bank grows (or is translated) by adding entries
/// there and raising the count here. Ids are never reused for a different question.
/// </summary>
public static class QuestionBank
{
    public static IReadOnlyList<MapArea> Areas { get; } =
    [
        Area("what_matters", tender: false, questions: 5),
        Area("stress", tender: false, questions: 5),
        Area("soft_spots", tender: true, questions: 4),
        Area("defences", tender: true, questions: 4),
        Area("feeling_loved", tender: false, questions: 5),
        Area("criticism", tender: false, questions: 4),
        Area("affirmations", tender: false, questions: 4),
        Area("triggers", tender: true, questions: 4),
        Area("voicing", tender: false, questions: 4),
        Area("admiration", tender: false, questions: 4),
    ];

    public static IReadOnlyList<MapQuestion> Questions { get; } = Areas.SelectMany(a => a.Questions).ToList();

    private static readonly Dictionary<string, MapQuestion> ById = Questions.ToDictionary(q => q.Id, StringComparer.Ordinal);

    /// <summary>The question with this id, or null for anything else (an unknown, oversized or malformed id).</summary>
    public static MapQuestion? Find(string? id) => id is { Length: > 0 and <= 40 } && ById.TryGetValue(id, out var q) ? q : null;

    private static MapArea Area(string id, bool tender, int questions)
    {
        var list = new List<MapQuestion>(questions);
        var area = new MapArea(id, tender, list);
        for (var n = 1; n <= questions; n++)
            list.Add(new MapQuestion($"{id}.{n}", area, n));
        return area;
    }
}
