using Corner.Web.Features.CheckIns;
using Corner.Web.Features.CheckIns.Charts;
using Corner.Web.Features.Shared;

namespace Corner.UnitTests.Features.CheckIns;

public sealed class SvgChartTests
{
    private static readonly string[] FourDays = ["1", "2", "3", "4"];

    [Fact]
    public void Points_ForAKnownSeries_SitInTheirDaysAndScale()
    {
        var series = new LineSeries("You", "me", ChartMarker.Circle, [1, 5, null, 3]);
        var chart = new LineChart(FourDays, [series], 1, 5);

        var points = chart.Points(series);

        // Plot is 36..628 wide (148 per day) and 12..192 tall; 1 sits on the bottom, 5 on the top.
        Assert.Equal([0, 1, 3], points.Select(p => p.Index));
        Assert.Equal([110, 258, 554], points.Select(p => p.X));
        Assert.Equal([192, 12, 102], points.Select(p => p.Y));
        Assert.False(chart.IsEmpty);
    }

    [Fact]
    public void PathData_WhenADayIsMissing_BreaksTheLine()
    {
        var series = new LineSeries("You", "me", ChartMarker.Circle, [1, 5, null, 3]);
        var chart = new LineChart(FourDays, [series], 1, 5);

        Assert.Equal("M110 192 L258 12 M554 102", chart.PathData(series));
    }

    [Fact]
    public void LineChart_WithNoValues_IsEmpty()
    {
        var chart = new LineChart(FourDays, [new LineSeries("You", "me", ChartMarker.Circle, [null, null, null, null])], 1, 5);

        Assert.True(chart.IsEmpty);
        Assert.Equal("", chart.PathData(chart.Series[0]));
    }

    [Fact]
    public void BarChart_WithCounts_StacksSegmentsUpToTheTallestDay()
    {
        IReadOnlyList<IReadOnlyList<BarSegment>> days =
        [
            [new("sad", 2), new("joyful", 2)],
            [new("sad", 0), new("joyful", 1)],
        ];
        var chart = new BarChart(["1", "2"], days);

        var rects = chart.Rects();

        Assert.Equal(3, rects.Count);
        Assert.Equal(["sad", "joyful", "joyful"], rects.Select(r => r.Key));
        Assert.Equal(90, rects[0].Height, 3);   // 2 of 4 on a 180-high plot
        Assert.Equal(12, rects[1].Y, 3);        // the tallest day reaches the top
        Assert.Equal(rects[0].Y, rects[1].Y + rects[1].Height, 3);
        Assert.Equal(45, rects[2].Height, 3);
    }

    [Fact]
    public void BarChart_WithOnlyZeros_IsEmptyAndDrawsNothing()
    {
        var chart = new BarChart(["1"], [[new("sad", 0)]]);

        Assert.True(chart.IsEmpty);
        Assert.Empty(chart.Rects());
    }

    [Fact]
    public void F_InACommaCulture_StillWritesAPoint()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            Assert.Equal("12.5", SvgChart.F(12.5));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(CheckInProblem.DateInFuture, "date_in_future")]
    [InlineData(CheckInProblem.DayClosed, "day_closed")]
    [InlineData(CheckInProblem.NoSurfaceFeeling, "no_surface_feeling")]
    public void Code_ForAProblem_IsStableSnakeCase(CheckInProblem problem, string code) =>
        Assert.Equal(code, ApiProblem.Code(problem));
}
