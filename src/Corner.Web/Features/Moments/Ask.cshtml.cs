using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>Ask the other person to have your back on a day you know is coming.</summary>
public sealed class AskModel(BackingAskWriter writer, PersonalDay day, SpaceAccessor spaces,
    IStringLocalizer<MomentsText> text) : MomentsPageModel(spaces, day, text)
{
    [BindProperty] public Guid SubmissionId { get; set; }
    [BindProperty] public DateOnly? OnDate { get; set; }
    [BindProperty] public string? Situation { get; set; }
    [BindProperty] public string? Help { get; set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        Today = await Day.TodayAsync(User.PersonId(), ct);
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        Today = await Day.TodayAsync(User.PersonId(), ct);
        if (!ModelState.IsValid)
            AddUnreadable();
        else
        {
            var (created, problems) = await writer.AskAsync(bondId, User.PersonId(), new AskInput(SubmissionId, OnDate, Situation, Help), ct);
            if (problems.Contains(MomentProblem.NotFound))
                return NotFound();
            if (created is not null)
            {
                TempData["Flash"] = Text["Ask_Sent", Bond.OtherName ?? ""].Value;
                return Redirect($"/spaces/{bondId}/moments?show=asks#ask-{created.Id}");
            }
            AddProblems(problems);
        }
        if (SubmissionId == Guid.Empty)
            SubmissionId = Guid.NewGuid();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
