using System.Globalization;
using Corner.Web.Features.CycleMap;

namespace Corner.UnitTests.Features.CycleMap;

public sealed class CycleMapDrawingTests
{
    [Fact]
    public void Wrap_ShortText_IsOneLine()
    {
        Assert.Equal(["when plans change"], CycleLoop.Wrap("when plans change", 30, 4));
    }

    [Fact]
    public void Wrap_LongText_BreaksAtSpacesWithinTheWidth()
    {
        var lines = CycleLoop.Wrap("when plans change at the last minute and nobody says why", 20, 4);

        Assert.Equal(["when plans change at", "the last minute and", "nobody says why"], lines);
        Assert.All(lines, l => Assert.True(l.Length <= 20, l));
    }

    [Fact]
    public void Wrap_TooMuchText_EndsTheLastLineWithAnEllipsis()
    {
        var lines = CycleLoop.Wrap(string.Join(' ', Enumerable.Repeat("word", 40)), 12, 3);

        Assert.Equal(3, lines.Count);
        Assert.EndsWith("…", lines[^1], StringComparison.Ordinal);
        Assert.True(new StringInfo(lines[^1]).LengthInTextElements <= 12);
    }

    [Fact]
    public void Wrap_AWordLongerThanALine_IsCutWhereTheLineEnds()
    {
        Assert.Equal(["abcdefghij", "klmno"], CycleLoop.Wrap("abcdefghijklmno", 10, 4));
    }

    [Fact]
    public void Wrap_Emoji_IsNeverSplitInHalf()
    {
        var text = string.Concat(Enumerable.Repeat("👩🏽‍🤝‍👨🏻", 7));
        var lines = CycleLoop.Wrap(text, 3, 4);

        Assert.Equal(["👩🏽‍🤝‍👨🏻👩🏽‍🤝‍👨🏻👩🏽‍🤝‍👨🏻", "👩🏽‍🤝‍👨🏻👩🏽‍🤝‍👨🏻👩🏽‍🤝‍👨🏻", "👩🏽‍🤝‍👨🏻"], lines);
    }

    [Fact]
    public void Wrap_LineBreaksAndNothingAtAll_AreHandled()
    {
        Assert.Equal(["one two"], CycleLoop.Wrap("one\r\n\ttwo", 30, 4));
        Assert.Empty(CycleLoop.Wrap("   ", 30, 4));
    }

    [Fact]
    public void Loop_PutsEachPersonsWordsInTheirOwnHalf_MyReactionLeadingToTheirTrigger()
    {
        var mine = Half(mine: true, "Ana", "being rushed", ["fight.chase_answer"], "ask again");
        var theirs = Half(mine: false, "Ben", "a raised voice", ["flight.go_quiet"], null);

        var loop = new CycleLoop(mine, theirs, id => id, "What sets you off", "What you do", "What sets Ben off", "What Ben does");

        Assert.Equal(["mine:trigger", "mine:reaction", "theirs:trigger", "theirs:reaction"], loop.Boxes.Select(b => $"{b.Half}:{b.Kind}"));
        Assert.Equal(["being rushed"], loop.Boxes[0].Lines);
        Assert.Equal(["fight.chase_answer; ask again"], loop.Boxes[1].Lines);
        Assert.Equal(["a raised voice"], loop.Boxes[2].Lines);
        Assert.Equal(["flight.go_quiet"], loop.Boxes[3].Lines);
        // Clockwise: my reaction (top left) sits before their trigger (top right); their reaction (bottom right) before my trigger (bottom left).
        Assert.True(loop.Boxes[1].X < loop.Boxes[2].X && loop.Boxes[1].Y == loop.Boxes[2].Y);
        Assert.True(loop.Boxes[3].X > loop.Boxes[0].X && loop.Boxes[3].Y == loop.Boxes[0].Y);
    }

    [Fact]
    public void Picture_ForSixMonths_CountsTimesPerMonthByReconnection()
    {
        var today = new DateOnly(2026, 11, 21);
        CycleTimeView Time(DateOnly date, string back) => new(Guid.NewGuid(), date, true, "Ana", [], back, null, DateTimeOffset.UnixEpoch);

        var picture = new CyclePicture(today, 6, [Time(new(2026, 11, 2), "same_day"), Time(new(2026, 11, 20), "same_day"),
            Time(new(2026, 6, 30), "longer"), Time(new(2026, 5, 31), "not_yet")], CultureInfo.InvariantCulture);

        Assert.Equal(new DateOnly(2026, 6, 1), picture.Months[0].FirstDay);
        Assert.Equal([1, 0, 0, 0, 0, 2], picture.Months.Select(m => m.Times));
        Assert.Equal(2, picture.Months[5].ByReconnection["same_day"]);
        Assert.Equal(1, picture.Months[0].ByReconnection["longer"]);
        Assert.False(picture.IsEmpty);
        Assert.Equal(2, picture.Chart.Rects().Count);
    }

    [Theory]
    [InlineData(null, 6)]
    [InlineData(0, 6)]
    [InlineData(-3, 6)]
    [InlineData(25, 6)]
    [InlineData(12, 12)]
    [InlineData(1, 1)]
    public void ClampMonths_OutOfRange_FallsBackToSix(int? asked, int expected) => Assert.Equal(expected, CyclePicture.ClampMonths(asked));

    private static CycleHalfView Half(bool mine, string name, string trigger, string[] behaviours, string? reaction) =>
        new(Guid.NewGuid(), name, mine, true, behaviours, trigger, reaction, null, null, null, null, DateTimeOffset.UnixEpoch);
}
