using System.Globalization;

namespace Corner.Web.Features.CheckIns.Charts;

/// <summary>One person's line in a chart; <see cref="Marker"/> tells the two people apart by shape, not only colour.</summary>
public sealed record LineSeries(string Name, string CssClass, ChartMarker Marker, IReadOnlyList<int?> Values);

public enum ChartMarker { Circle, Square }

public sealed record ChartPoint(int Index, double X, double Y, int Value);

public sealed record ChartTick(double Position, string Label);

/// <summary>One stacked piece of a bar: a feeling family's count on one day.</summary>
public sealed record BarSegment(string Key, int Value);

public sealed record BarRect(int Index, string Key, double X, double Y, double Width, double Height, int Value);

/// <summary>The frame shared by Corner's small server-drawn charts: fixed view box, day axis, integer value axis.</summary>
public abstract class SvgChart(IReadOnlyList<string> dayLabels)
{
    public const double Width = 640;
    public const double Height = 220;
    public const double Left = 36;
    public const double Right = 12;
    public const double Top = 12;
    public const double Bottom = 28;

    public IReadOnlyList<string> DayLabels { get; } = dayLabels;
    public string ViewBox => F(0) + " 0 " + F(Width) + " " + F(Height);
    public double PlotLeft => Left;
    public double PlotRight => Width - Right;
    public double PlotTop => Top;
    public double PlotBottom => Height - Bottom;

    /// <summary>True when there is nothing to draw: the page shows a kind sentence instead of an empty frame.</summary>
    public abstract bool IsEmpty { get; }

    protected abstract int MinValue { get; }
    protected abstract int MaxValue { get; }

    protected double Slot => (PlotRight - PlotLeft) / Math.Max(1, DayLabels.Count);

    /// <summary>Centre of the day's slot.</summary>
    public double XFor(int index) => PlotLeft + Slot * (index + 0.5);

    public double YFor(double value) =>
        PlotBottom - (value - MinValue) / Math.Max(1, MaxValue - MinValue) * (PlotBottom - PlotTop);

    public IReadOnlyList<ChartTick> YTicks =>
        Enumerable.Range(MinValue, MaxValue - MinValue + 1)
            .Where(v => MaxValue - MinValue <= 6 || v % (int)Math.Ceiling((MaxValue - MinValue) / 5.0) == 0)
            .Select(v => new ChartTick(YFor(v), v.ToString(CultureInfo.InvariantCulture))).ToList();

    /// <summary>Every day is too crowded for a month: label the 1st and every 7th day after it.</summary>
    public IReadOnlyList<ChartTick> XTicks =>
        DayLabels.Select((label, i) => (label, i)).Where(t => t.i % 7 == 0 || t.i == DayLabels.Count - 1 && t.i % 7 > 2)
            .Select(t => new ChartTick(XFor(t.i), t.label)).ToList();

    /// <summary>SVG numbers are always invariant ("12.5", never "12,5").</summary>
    public static string F(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>Values per day on a fixed scale (intensity, how supported: 1–5), a line and markers per person.</summary>
public sealed class LineChart(IReadOnlyList<string> dayLabels, IReadOnlyList<LineSeries> series, int min, int max) : SvgChart(dayLabels)
{
    public IReadOnlyList<LineSeries> Series { get; } = series;
    protected override int MinValue => min;
    protected override int MaxValue => max;
    public override bool IsEmpty => Series.All(s => s.Values.All(v => v is null));

    public IReadOnlyList<ChartPoint> Points(LineSeries s) =>
        s.Values.Select((v, i) => v is { } value ? new ChartPoint(i, XFor(i), YFor(value), value) : null)
            .OfType<ChartPoint>().ToList();

    /// <summary>Path data that joins neighbouring days only; a day without a check-in breaks the line.</summary>
    public string PathData(LineSeries s)
    {
        var parts = new List<string>();
        ChartPoint? previous = null;
        foreach (var p in Points(s))
        {
            parts.Add((previous is not null && previous.Index == p.Index - 1 ? "L" : "M") + F(p.X) + " " + F(p.Y));
            previous = p;
        }
        return string.Join(" ", parts);
    }
}

/// <summary>Counts per day, stacked by key (feeling families): one bar chart per person.</summary>
public sealed class BarChart(IReadOnlyList<string> dayLabels, IReadOnlyList<IReadOnlyList<BarSegment>> days) : SvgChart(dayLabels)
{
    public IReadOnlyList<IReadOnlyList<BarSegment>> Days { get; } = days;
    protected override int MinValue => 0;
    protected override int MaxValue => Math.Max(1, Days.Select(d => d.Sum(s => s.Value)).DefaultIfEmpty(0).Max());
    public override bool IsEmpty => Days.All(d => d.All(s => s.Value == 0));

    public IReadOnlyList<BarRect> Rects()
    {
        var rects = new List<BarRect>();
        var width = Slot * 0.7;
        for (var i = 0; i < Days.Count; i++)
        {
            var total = 0;
            foreach (var segment in Days[i].Where(s => s.Value > 0))
            {
                var bottom = YFor(total);
                total += segment.Value;
                var top = YFor(total);
                rects.Add(new BarRect(i, segment.Key, XFor(i) - width / 2, top, width, bottom - top, segment.Value));
            }
        }
        return rects;
    }
}
