using Corner.Web.Features.Reconnection;

namespace Corner.UnitTests.Features.Reconnection;

public sealed class ReconnectionRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static PauseView Pause(TimeSpan elapsed, int minutes = 20) =>
        new(Guid.NewGuid(), false, "Amal", Start, Start.AddMinutes(minutes), Start + elapsed, false, false, "Sam");

    [Theory]
    [InlineData(0, 20, 1200, false)]
    [InlineData(30, 20, 1170, false)]
    [InlineData(19 * 60 + 1, 1, 59, false)]
    [InlineData(20 * 60 - 0.2, 1, 1, false)]
    [InlineData(20 * 60, 0, 0, true)]
    [InlineData(3 * 60 * 60, 0, 0, true)]
    public void PauseView_AtAMoment_CountsWholeMinutesUpAndIsUpOnlyAtTheEnd(double elapsedSeconds, int minutesLeft, int remainingSeconds, bool timeUp)
    {
        var pause = Pause(TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(minutesLeft, pause.MinutesLeft);
        Assert.Equal(remainingSeconds, pause.RemainingSeconds);
        Assert.Equal(timeUp, pause.TimeUp);
        Assert.Equal(1200, pause.TotalSeconds);
    }

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(20, true)]
    [InlineData(240, true)]
    [InlineData(241, false)]
    [InlineData(0, false)]
    [InlineData(-30, false)]
    [InlineData(60 * 24 * 2, false)]
    public void PauseLength_OutsideFiveToTwoHundredFortyMinutes_IsRefused(int minutes, bool valid) =>
        Assert.Equal(valid, PauseSignal.IsValidLength(minutes));

    [Fact]
    public void PlanValidation_OfAnEmptyPlan_AsksForOnePart() =>
        Assert.Equal([new PlanIssue(PlanProblem.Empty)], ReconnectionPlans.Validate(new PlanInput(" ", null, "\r\n", "")));

    [Fact]
    public void PlanValidation_NamesThePartThatIsTooLongOrHasAControlCharacter()
    {
        var issues = ReconnectionPlans.Validate(new PlanInput(new string('x', ReconnectionPlans.PartMaxLength + 1), "ok", "bell \u0007", "fine"));

        Assert.Equal([new PlanIssue(PlanProblem.TooLong, PlanPart.Sign), new PlanIssue(PlanProblem.HasControlCharacters, PlanPart.ComingBack)], issues);
    }

    [Fact]
    public void PlanValidation_AcceptsMarkupEmojiRightToLeftAndLineBreaks() =>
        Assert.Empty(ReconnectionPlans.Validate(new PlanInput("<b>loud</b>", "نأخذ استراحة 🌿", "line one\nline two\tthen", new string('a', ReconnectionPlans.PartMaxLength))));
}
