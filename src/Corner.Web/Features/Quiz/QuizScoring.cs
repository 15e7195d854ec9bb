namespace Corner.Web.Features.Quiz;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<DimensionKind>))]
public enum DimensionKind
{
    /// <summary>Both people see it as strong.</summary>
    SharedStrength,
    /// <summary>A clear gap between the two views: worth a talk.</summary>
    OneSided,
    /// <summary>Both see room to grow.</summary>
    GrowingEdge,
}

/// <summary>
/// One dimension of a combined result: the two people's views as the lower and the higher mean, never saying
/// whose is whose (the result is about the relationship, not about who scored lower).
/// </summary>
public sealed record DimensionResult(string Dimension, double Lower, double Higher, DimensionKind Kind)
{
    public double Gap => Higher - Lower;
}

/// <summary>A combined result: every dimension both people answered, in bank order, and the headline dimension.</summary>
public sealed record QuizResult(IReadOnlyList<DimensionResult> Dimensions, string Headline)
{
    public DimensionResult HeadlineResult => Dimensions.First(d => d.Dimension == Headline);
}

/// <summary>
/// Turns two people's answers into the combined strengths profile. Pure: no totals, no percentages, no grades.
/// </summary>
public static class QuizScoring
{
    /// <summary>A mean at or above this is "high".</summary>
    public const double HighFrom = 3.5;

    /// <summary>Two views this far apart or more are a clear gap.</summary>
    public const double ClearGap = 1.5;

    public static DimensionKind Classify(double first, double second)
    {
        var lower = Math.Min(first, second);
        if (Math.Abs(first - second) >= ClearGap)
            return DimensionKind.OneSided;
        return lower >= HighFrom ? DimensionKind.SharedStrength : DimensionKind.GrowingEdge;
    }

    /// <summary>
    /// The combined result, or null when the two have no dimension in common. The headline is the dimension
    /// whose lower view is highest; on a tie, the one where the two views are closest; then bank order.
    /// </summary>
    public static QuizResult? Combine(IReadOnlyList<QuizDimension> bank,
        IReadOnlyDictionary<string, int> first, IReadOnlyDictionary<string, int> second)
    {
        var dimensions = new List<DimensionResult>();
        foreach (var dimension in bank)
        {
            if (Mean(dimension, first) is not { } a || Mean(dimension, second) is not { } b)
                continue;
            dimensions.Add(new DimensionResult(dimension.Key, Math.Min(a, b), Math.Max(a, b), Classify(a, b)));
        }
        if (dimensions.Count == 0)
            return null;
        var headline = dimensions
            .Select((d, order) => (d, order))
            .OrderByDescending(x => x.d.Lower)
            .ThenBy(x => x.d.Gap)
            .ThenBy(x => x.order)
            .First().d;
        return new QuizResult(dimensions, headline.Dimension);
    }

    private static double? Mean(QuizDimension dimension, IReadOnlyDictionary<string, int> answers)
    {
        var values = dimension.Statements.Where(answers.ContainsKey).Select(s => (double)answers[s]).ToList();
        // Rounded so that 3.4999… from floating point never lands on the wrong side of a threshold.
        return values.Count == 0 ? null : Math.Round(values.Average(), 4);
    }
}
