using System.Globalization;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns.Charts;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CheckIns;

/// <summary>One person's numbers for one day of the month (null when they shared nothing that day).</summary>
public sealed record TrendDay(DateOnly Date, IReadOnlyDictionary<string, int> Families, int? Intensity, int? Supported);

/// <summary>One member's month, as the charts and tables show it.</summary>
public sealed record TrendPerson(string Name, bool Mine, string CssClass, ChartMarker Marker, IReadOnlyList<TrendDay> Days);

/// <summary>A month of a space's shared check-ins as charts drawn on the server, each with a table of the same numbers.</summary>
public sealed class TrendsModel(CheckInQueries queries, PersonalDay day, SpaceAccessor spaces, IStringLocalizer<CheckInsText> text) : PageModel
{
    private static readonly DateOnly Earliest = new(2000, 1, 1);

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public DateOnly? PreviousMonth { get; private set; }
    public DateOnly? NextMonth { get; private set; }
    public IReadOnlyList<TrendPerson> People { get; private set; } = [];
    public IReadOnlyList<string> DayLabels { get; private set; } = [];
    public LineChart Intensity { get; private set; } = null!;
    public LineChart Supported { get; private set; } = null!;
    public IReadOnlyList<(TrendPerson Person, BarChart Chart)> FamilyCharts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        var today = await day.TodayAsync(personId, ct);
        var current = new DateOnly(today.Year, today.Month, 1);
        // An unreadable or out-of-range month falls back to this month rather than failing.
        FirstDay = DateOnly.TryParseExact(Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked)
            && asked >= Earliest && asked <= current ? asked : current;
        LastDay = FirstDay.AddMonths(1).AddDays(-1);
        PreviousMonth = FirstDay > Earliest ? FirstDay.AddMonths(-1) : null;
        NextMonth = FirstDay < current ? FirstDay.AddMonths(1) : null;

        var rows = await queries.TrendsInBondAsync(bondId, personId, FirstDay, LastDay, ct);
        var dates = Enumerable.Range(0, LastDay.Day).Select(i => FirstDay.AddDays(i)).ToList();
        DayLabels = dates.Select(d => d.Day.ToString(CultureInfo.CurrentCulture)).ToList();

        var people = new List<TrendPerson> { Person(text["Trends_You"], mine: true, "chart-person--me", ChartMarker.Circle) };
        if (bond.OtherName is { } other)
            people.Add(Person(other, mine: false, "chart-person--other", ChartMarker.Square));
        People = people;

        Intensity = new LineChart(DayLabels, People.Select(p => new LineSeries(p.Name, p.CssClass, p.Marker, p.Days.Select(d => d.Intensity).ToList())).ToList(), 1, 5);
        Supported = new LineChart(DayLabels, People.Select(p => new LineSeries(p.Name, p.CssClass, p.Marker, p.Days.Select(d => d.Supported).ToList())).ToList(), 1, 5);
        FamilyCharts = People.Select(p => (p, new BarChart(DayLabels, p.Days.Select(d => (IReadOnlyList<BarSegment>)Feelings.Families
            .Select(f => new BarSegment(f.Id, d.Families.GetValueOrDefault(f.Id))).ToList()).ToList()))).ToList();
        return Page();

        TrendPerson Person(string name, bool mine, string css, ChartMarker marker) => new(name, mine, css, marker, dates.Select(date =>
        {
            var row = rows.FirstOrDefault(r => r.Mine == mine && r.LocalDate == date);
            var families = row is null ? new Dictionary<string, int>()
                : row.SurfaceFeelings.Where(Feelings.IsKnown).GroupBy(Feelings.FamilyOf).ToDictionary(g => g.Key, g => g.Count());
            return new TrendDay(date, families, row?.Intensity, row?.Supported);
        }).ToList());
    }
}

/// <summary>What the chart partials need: the chart, a page-unique id and the words around it.</summary>
public sealed record LineChartView(string Id, string Title, LineChart Chart);

public sealed record BarChartView(string Id, string Title, TrendPerson Person, BarChart Chart);
