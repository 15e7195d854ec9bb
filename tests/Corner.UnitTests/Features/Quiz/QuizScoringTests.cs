using Corner.Web.Features.Quiz;

namespace Corner.UnitTests.Features.Quiz;

public sealed class QuizScoringTests
{
    private static readonly QuizDimension[] Bank =
    [
        new("toward", ["toward_1", "toward_2"]),
        new("back", ["back_1", "back_2"]),
        new("repair", ["repair_1", "repair_2"]),
    ];

    private static Dictionary<string, int> Answers(int toward1, int toward2, int back1, int back2, int repair1, int repair2) => new()
    {
        ["toward_1"] = toward1,
        ["toward_2"] = toward2,
        ["back_1"] = back1,
        ["back_2"] = back2,
        ["repair_1"] = repair1,
        ["repair_2"] = repair2,
    };

    [Theory]
    [InlineData(5, 4, DimensionKind.SharedStrength)]
    [InlineData(3.5, 3.5, DimensionKind.SharedStrength)]
    [InlineData(5, 3.5, DimensionKind.OneSided)]
    [InlineData(1.5, 3, DimensionKind.OneSided)]
    [InlineData(3, 3.5, DimensionKind.GrowingEdge)]
    [InlineData(2, 2, DimensionKind.GrowingEdge)]
    [InlineData(4.5, 3.25, DimensionKind.GrowingEdge)]
    public void Classify_FromTwoMeans_NamesTheKindOfDimension(double first, double second, DimensionKind expected)
    {
        Assert.Equal(expected, QuizScoring.Classify(first, second));
        Assert.Equal(expected, QuizScoring.Classify(second, first));
    }

    [Fact]
    public void Combine_WithBothHighInOneDimension_CallsItASharedStrengthAndMakesItTheHeadline()
    {
        var result = QuizScoring.Combine(Bank, Answers(5, 4, 2, 3, 1, 5), Answers(4, 4, 3, 2, 5, 5))!;

        var toward = result.Dimensions.Single(d => d.Dimension == "toward");
        Assert.Equal(DimensionKind.SharedStrength, toward.Kind);
        Assert.Equal((4.0, 4.5), (toward.Lower, toward.Higher));
        Assert.Equal(DimensionKind.GrowingEdge, result.Dimensions.Single(d => d.Dimension == "back").Kind);
        Assert.Equal(DimensionKind.OneSided, result.Dimensions.Single(d => d.Dimension == "repair").Kind);
        Assert.Equal("toward", result.Headline);
    }

    [Fact]
    public void Combine_WhenTwoDimensionsShareTheHighestLowerView_PicksTheOneWithTheSmallerGap()
    {
        // toward: 4 and 5 (gap 1); back: 4 and 4 (gap 0); both lower views are 4.
        var result = QuizScoring.Combine(Bank, Answers(5, 5, 4, 4, 1, 1), Answers(4, 4, 4, 4, 2, 2))!;

        Assert.Equal("back", result.Headline);
    }

    [Fact]
    public void Combine_WhenAHigherSingleViewMeetsAHigherLowerView_TheLowerViewDecides()
    {
        // repair has one 5, but toward's lower view (3.5) beats repair's (3).
        var result = QuizScoring.Combine(Bank, Answers(4, 3, 1, 1, 5, 5), Answers(3, 4, 1, 1, 3, 3))!;

        Assert.Equal("toward", result.Headline);
    }

    [Fact]
    public void Combine_WhenEverythingTies_FollowsTheBankOrder()
    {
        var result = QuizScoring.Combine(Bank, Answers(3, 3, 3, 3, 3, 3), Answers(3, 3, 3, 3, 3, 3))!;

        Assert.Equal("toward", result.Headline);
        Assert.All(result.Dimensions, d => Assert.Equal(DimensionKind.GrowingEdge, d.Kind));
    }

    [Fact]
    public void Combine_Always_KeepsNoTotalAndDoesNotSayWhoseViewIsWhose()
    {
        var first = Answers(5, 5, 1, 1, 3, 3);
        var second = Answers(1, 1, 5, 5, 3, 3);

        var one = QuizScoring.Combine(Bank, first, second)!;
        var other = QuizScoring.Combine(Bank, second, first)!;

        Assert.Equal(one.Dimensions, other.Dimensions);
        Assert.Equal(one.Headline, other.Headline);
        Assert.DoesNotContain(typeof(QuizResult).GetProperties(), p => p.Name.Contains("Total", StringComparison.Ordinal)
            || p.Name.Contains("Percent", StringComparison.Ordinal) || p.Name.Contains("Grade", StringComparison.Ordinal));
    }

    [Fact]
    public void Combine_WithADimensionOnlyOneAnswered_LeavesItOut()
    {
        var first = new Dictionary<string, int> { ["toward_1"] = 4, ["back_1"] = 4 };
        var second = new Dictionary<string, int> { ["toward_2"] = 4 };

        var result = QuizScoring.Combine(Bank, first, second)!;

        Assert.Equal(["toward"], result.Dimensions.Select(d => d.Dimension));
        Assert.Null(QuizScoring.Combine(Bank, new Dictionary<string, int>(), second));
    }
}
