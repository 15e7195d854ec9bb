using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>One moment: the five steps, what is done, what waits on whom; the check-in answer (backed person) and the closing word (supporter).</summary>
public sealed class MomentModel(MomentWriter writer, MomentQueries queries, MomentsTakeBack takeBack, SpaceAccessor spaces, PersonalDay day,
    IStringLocalizer<MomentsText> text) : MomentsPageModel(spaces, day, text)
{
    public MomentView Moment { get; private set; } = null!;
    public string? TypedAnswer { get; private set; }
    public string? TypedMore { get; private set; }
    public string? TypedWords { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, Guid momentId, CancellationToken ct) =>
        await LoadAsync(bondId, momentId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(Guid bondId, Guid momentId, string? answer, string? more, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, momentId, ct))
            return NotFound();
        var problem = await writer.AnswerAsync(bondId, momentId, User.PersonId(), answer, more, ct);
        if (problem == MomentProblem.NotFound)
            return NotFound();
        if (problem is null)
        {
            TempData["Flash"] = Text["Moment_Answered", Moment.SupporterName].Value;
            return Redirect($"/spaces/{bondId}/moments/{momentId}");
        }
        (TypedAnswer, TypedMore) = (answer, more);
        return await FailAsync(bondId, momentId, problem.Value, ct);
    }

    public async Task<IActionResult> OnPostReinforceAsync(Guid bondId, Guid momentId, string? words, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, momentId, ct))
            return NotFound();
        var problem = await writer.ReinforceAsync(bondId, momentId, User.PersonId(), words, ct);
        if (problem == MomentProblem.NotFound)
            return NotFound();
        if (problem is null)
        {
            TempData["Flash"] = Text["Moment_Reinforced", Moment.BackedName].Value;
            return Redirect($"/spaces/{bondId}/moments/{momentId}");
        }
        TypedWords = words;
        return await FailAsync(bondId, momentId, problem.Value, ct);
    }

    /// <summary>The supporter takes the moment back: it is gone from both people's pages.</summary>
    public async Task<IActionResult> OnPostTakeBackAsync(Guid bondId, Guid momentId, CancellationToken ct)
    {
        if (!await takeBack.MomentAsync(bondId, momentId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = Text["TakeBack_Done"].Value;
        return Redirect($"/spaces/{bondId}/moments");
    }

    private async Task<IActionResult> FailAsync(Guid bondId, Guid momentId, MomentProblem problem, CancellationToken ct)
    {
        AddProblems([problem]);
        await LoadAsync(bondId, momentId, ct);
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid bondId, Guid momentId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return false;
        if (await queries.FindMomentAsync(bondId, momentId, User.PersonId(), ct) is not { } moment)
            return false;
        Moment = moment;
        return true;
    }
}
