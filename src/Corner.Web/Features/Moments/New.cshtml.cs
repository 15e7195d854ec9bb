using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>The supporter records a moment, guided by the first three steps; the check-in then goes to the other person.</summary>
public sealed class NewModel(MomentWriter writer, MomentQueries queries, SpaceAccessor spaces, PersonalDay day,
    IStringLocalizer<MomentsText> text) : MomentsPageModel(spaces, day, text)
{
    [BindProperty(SupportsGet = true)] public Guid? AskId { get; set; }
    [BindProperty] public Guid SubmissionId { get; set; }
    [BindProperty] public string? Situation { get; set; }
    [BindProperty] public string? Noticed { get; set; }
    [BindProperty] public string? Sided { get; set; }
    [BindProperty] public string? Action { get; set; }

    public AskView? Ask { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        if (AskId is { } askId)
        {
            Ask = await queries.FindAskAsync(bondId, askId, User.PersonId(), ct);
            if (Ask is null || Ask.IAmAsker)
                return NotFound();
            if (!Ask.IsOpen)
                return Redirect($"/spaces/{bondId}/moments/{Ask.MomentId}");
            Situation = Ask.Situation;
        }
        SubmissionId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return NotFound();
        if (AskId is { } askId)
        {
            Ask = await queries.FindAskAsync(bondId, askId, User.PersonId(), ct);
            if (Ask is null || Ask.IAmAsker)
                return NotFound();
        }
        if (!ModelState.IsValid)
            AddUnreadable();
        else
        {
            var (created, problems) = await writer.RecordAsync(bondId, User.PersonId(),
                new MomentInput(SubmissionId, AskId, Situation, Noticed, Sided, Action), ct);
            if (problems.Contains(MomentProblem.NotFound))
                return NotFound();
            if (created is not null)
            {
                TempData["Flash"] = Text["Moment_Recorded", Bond.OtherName ?? ""].Value;
                return Redirect($"/spaces/{bondId}/moments/{created.Id}");
            }
            AddProblems(problems);
        }
        if (SubmissionId == Guid.Empty)
            SubmissionId = Guid.NewGuid();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
