using Corner.Web.Features.Moments;

namespace Corner.UnitTests.Features.Moments;

public sealed class MomentRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    [Theory]
    [InlineData(null, "2026-11-01")]
    [InlineData("", "2026-11-01")]
    [InlineData("2026-10", "2026-10-01")]
    [InlineData("2000-01", "2000-01-01")]
    public void TryParseMonth_WithAPastOrCurrentMonth_GivesItsFirstDay(string? month, string first)
    {
        Assert.True(MomentMonth.TryParseMonth(month, Today, out var parsed));
        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("2026-12")]
    [InlineData("1999-12")]
    [InlineData("9999-99")]
    [InlineData("2026-1")]
    [InlineData("<script>")]
    public void TryParseMonth_WithAFutureOrMalformedMonth_Refuses(string month) =>
        Assert.False(MomentMonth.TryParseMonth(month, Today, out _));

    [Fact]
    public void Normalize_TrimsAndMakesLineEndingsPlain_AndEmptyIsNothing()
    {
        Assert.Equal("one\ntwo", MomentTextRules.Normalize("  one\r\ntwo \r\n"));
        Assert.Null(MomentTextRules.Normalize(" \n\t "));
    }

    [Fact]
    public void Check_WithAControlCharacterOrTooMuchText_NamesEachProblemOnce()
    {
        var problems = new List<MomentProblem>();
        MomentTextRules.Check("a\u0000b", 10, problems);
        MomentTextRules.Check(new string('x', 11), 10, problems);
        MomentTextRules.Check("x\u001b", 10, problems);

        Assert.Equal([MomentProblem.ControlCharacters, MomentProblem.TextTooLong], problems);
    }

    [Fact]
    public void Check_WithEmojiRightToLeftTextAndMarkup_IsFine()
    {
        var problems = new List<MomentProblem>();
        MomentTextRules.Check("<b>שלום</b> 🌿\n\tمرحبا", 100, problems);
        Assert.Empty(problems);
    }

    [Fact]
    public void CheckSituation_WhenMissingOrTooLong_SaysWhich()
    {
        var missing = new List<MomentProblem>();
        var tooLong = new List<MomentProblem>();
        MomentTextRules.CheckSituation(null, missing);
        MomentTextRules.CheckSituation(new string('x', MomentTextRules.SituationMaxLength + 1), tooLong);

        Assert.Equal([MomentProblem.SituationMissing], missing);
        Assert.Equal([MomentProblem.SituationTooLong], tooLong);
    }
}
