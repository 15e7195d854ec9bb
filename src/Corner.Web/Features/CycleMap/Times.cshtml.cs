using System.Globalization;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CycleMap;

/// <summary>Noticing the cycle over time: a monthly picture of how often and how quickly, and the times noted.</summary>
public sealed class TimesModel(SpaceAccessor spaces, CycleMapQueries queries, CycleTimeRecorder recorder, PersonalDay day,
    IStringLocalizer<CycleMapText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Months { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public CyclePicture Picture { get; private set; } = null!;
    public IReadOnlyList<CycleTimeView> Times { get; private set; } = [];
    public int MonthCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct) =>
        await LoadAsync(bondId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(Guid bondId, Guid timeId, CancellationToken ct)
    {
        if (await spaces.FindForMemberAsync(bondId, User.PersonId(), ct) is null)
            return NotFound();
        if (!await recorder.DeleteAsync(bondId, User.PersonId(), timeId, ct))
            return NotFound();
        TempData["Flash"] = text["Times_Deleted"].Value;
        return Redirect($"/spaces/{bondId}/cycle/times?months={CyclePicture.ClampMonths(Months)}");
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        MonthCount = CyclePicture.ClampMonths(Months);
        var today = await day.TodayAsync(personId, ct);
        Times = await queries.TimesAsync(bondId, personId, CyclePicture.FirstMonth(today, MonthCount), today, ct);
        Picture = new CyclePicture(today, MonthCount, Times, CultureInfo.CurrentCulture);
        return true;
    }
}
