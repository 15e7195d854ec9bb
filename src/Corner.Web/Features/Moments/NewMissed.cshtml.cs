using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>Write a missed moment, from either side, and (if you like) why it slipped by.</summary>
public sealed class NewMissedModel(MissedMomentWriter writer, SpaceAccessor spaces, PersonalDay day,
    IStringLocalizer<MomentsText> text) : MomentsPageModel(spaces, day, text)
{
    [BindProperty] public Guid SubmissionId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Side { get; set; }
    [BindProperty] public string? What { get; set; }
    [BindProperty] public List<string> Reasons { get; set; } = [];
    [BindProperty] public string? Reflection { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        if (!ModelState.IsValid)
            AddUnreadable();
        else
        {
            var (created, problems) = await writer.WriteAsync(bondId, User.PersonId(),
                new MissedMomentInput(SubmissionId, Side, What, Reasons, Reflection), ct);
            if (problems.Contains(MomentProblem.NotFound))
                return NotFound();
            if (created is not null)
            {
                TempData["Flash"] = Text["Missed_Written", Bond.OtherName ?? ""].Value;
                return Redirect($"/spaces/{bondId}/missed/{created.Id}");
            }
            AddProblems(problems);
        }
        if (SubmissionId == Guid.Empty)
            SubmissionId = Guid.NewGuid();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
