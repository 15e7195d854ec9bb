using System.Globalization;
using Corner.Web.Features.CheckIns.Charts;

namespace Corner.Web.Features.CycleMap;

/// <summary>One month of the picture: how many times the cycle was noted, and how soon they came back each time.</summary>
public sealed record CycleMonth(DateOnly FirstDay, string Label, int Times, IReadOnlyDictionary<string, int> ByReconnection);

/// <summary>
/// How often the cycle showed up and how quickly the two came back, month by month: a stacked bar per month
/// (drawn with the check-ins' <see cref="BarChart"/>), one colour and a table column per "how soon".
/// </summary>
public sealed class CyclePicture
{
    public const int DefaultMonths = 6;
    public const int MaxMonths = 24;

    public IReadOnlyList<CycleMonth> Months { get; }
    public BarChart Chart { get; }
    public bool IsEmpty => Months.All(m => m.Times == 0);

    public CyclePicture(DateOnly today, int months, IEnumerable<CycleTimeView> times, CultureInfo culture)
    {
        var first = FirstMonth(today, months);
        var list = times.ToList();
        Months = Enumerable.Range(0, months).Select(i =>
        {
            var start = first.AddMonths(i);
            var inMonth = list.Where(t => t.LocalDate.Year == start.Year && t.LocalDate.Month == start.Month).ToList();
            return new CycleMonth(start, start.ToString("MMM yyyy", culture), inMonth.Count,
                Reconnection.Ids.ToDictionary(id => id, id => inMonth.Count(t => t.Reconnected == id)));
        }).ToList();
        Chart = new BarChart(Months.Select(m => m.Label).ToList(),
            Months.Select(m => (IReadOnlyList<BarSegment>)Reconnection.Ids.Select(id => new BarSegment(id, m.ByReconnection[id])).ToList()).ToList());
    }

    /// <summary>The first day of the earliest month shown, <paramref name="months"/> months up to and including this one.</summary>
    public static DateOnly FirstMonth(DateOnly today, int months) => new DateOnly(today.Year, today.Month, 1).AddMonths(-(months - 1));

    /// <summary>An unreadable or out-of-range number of months falls back to the default rather than failing.</summary>
    public static int ClampMonths(int? months) => months is >= 1 and <= MaxMonths ? months.Value : DefaultMonths;
}
