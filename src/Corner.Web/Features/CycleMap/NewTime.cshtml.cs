using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CycleMap;

/// <summary>Noting a time the cycle showed up. The form carries a request key, so a double submit notes it once.</summary>
public sealed class NewTimeModel(SpaceAccessor spaces, CycleTimeRecorder recorder, PersonalDay day, IStringLocalizer<CycleMapText> text) : PageModel
{
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public List<string> Parts { get; set; } = [];
    [BindProperty] public string? Reconnected { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public Guid RequestKey { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public List<(string Field, string Message)> Problems { get; } = [];

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        Date = Today;
        RequestKey = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        // An unreadable date binds as nothing (and is reported as missing); what else was typed stays.
        if (ModelState.GetFieldValidationState(nameof(Date)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
            Date = null;
        if (RequestKey == Guid.Empty)
            RequestKey = Guid.NewGuid();
        var (saved, problems) = await recorder.RecordAsync(bondId, User.PersonId(), RequestKey,
            new CycleTimeInput(Date, Parts.Distinct().ToList(), Reconnected, Note), ct);
        if (problems.Contains(CycleTimeProblem.NotFound))
            return NotFound();
        if (saved is not null)
        {
            TempData["Flash"] = text["Times_Saved", Bond.OtherName ?? text["OtherPerson"]].Value;
            return Redirect($"/spaces/{bondId}/cycle/times");
        }
        foreach (var problem in problems)
            Problems.Add((FieldOf(problem), text[$"Time_Problem_{problem}", CycleTimeRecorder.NoteMaxLength].Value));
        Response.StatusCode = Refusal.StatusOf(problems);
        return Page();
    }

    public bool HasProblem(string field) => Problems.Any(p => p.Field == field);

    private static string FieldOf(CycleTimeProblem problem) => problem switch
    {
        CycleTimeProblem.DateMissing or CycleTimeProblem.DateInFuture or CycleTimeProblem.DateTooEarly => "Date",
        CycleTimeProblem.UnknownPart => "parts",
        CycleTimeProblem.ReconnectedMissing or CycleTimeProblem.UnknownReconnected => "reconnected",
        _ => "Note",
    };

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        if (await spaces.FindForMemberAsync(bondId, User.PersonId(), ct) is not { } bond)
            return false;
        Bond = bond;
        Today = await day.TodayAsync(User.PersonId(), ct);
        return true;
    }
}
