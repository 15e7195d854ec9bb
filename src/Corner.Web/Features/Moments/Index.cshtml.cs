using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>A space's timeline of moments, asks and missed moments, filterable, with a gentle monthly summary.</summary>
public sealed class IndexModel(MomentQueries queries, MomentMonth months, MomentsTakeBack takeBack, PersonalDay day, SpaceAccessor spaces,
    IStringLocalizer<MomentsText> text) : MomentsPageModel(spaces, day, text)
{
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }

    public IReadOnlyList<TimelineEntry> Entries { get; private set; } = [];
    public MomentsSummary Summary { get; private set; } = new(0, 0, 0, 0, 0, 0);
    public DateOnly SummaryMonth { get; private set; }
    public DateOnly ThisMonth { get; private set; }
    public bool MonthOnly { get; private set; }

    /// <summary>The asker takes an ask back (from the timeline or the space's home).</summary>
    public async Task<IActionResult> OnPostTakeBackAskAsync(Guid bondId, Guid askId, CancellationToken ct)
    {
        if (!await takeBack.AskAsync(bondId, askId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = Text["TakeBack_Done"].Value;
        return Redirect($"/spaces/{bondId}/moments");
    }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        var personId = User.PersonId();
        Show = Show is { } s && MomentQueries.Filters.Contains(s) ? s : "all";
        var today = await Day.TodayAsync(personId, ct);
        ThisMonth = new DateOnly(today.Year, today.Month, 1);
        if (!MomentMonth.TryParseMonth(Month, today, out var first))
        {
            Problems.Add(Text["Timeline_BadMonth"].Value);
            first = ThisMonth;
            Month = null;
        }
        SummaryMonth = first;
        MonthOnly = !string.IsNullOrEmpty(Month);
        var (from, to) = await months.SpanAsync(personId, first, ct);
        Summary = await queries.SummaryAsync(bondId, from, to, ct);
        Entries = (MonthOnly
            ? await queries.TimelineAsync(bondId, personId, Show, from, to, ct)
            : await queries.TimelineAsync(bondId, personId, Show, ct: ct)) ?? [];
        return Page();
    }

    public string MonthParam(DateOnly month) => month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
