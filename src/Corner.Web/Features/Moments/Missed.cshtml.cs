using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>One missed moment: what happened, the other's response, and each person's "repaired" mark.</summary>
public sealed class MissedModel(MissedMomentWriter writer, MomentQueries queries, MomentsTakeBack takeBack, SpaceAccessor spaces, PersonalDay day,
    IStringLocalizer<MomentsText> text) : MomentsPageModel(spaces, day, text)
{
    public MissedView Missed { get; private set; } = null!;
    public string? TypedWords { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, Guid missedId, CancellationToken ct) =>
        await LoadAsync(bondId, missedId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRespondAsync(Guid bondId, Guid missedId, string? words, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, missedId, ct))
            return NotFound();
        var problem = await writer.RespondAsync(bondId, missedId, User.PersonId(), words, ct);
        if (problem == MomentProblem.NotFound)
            return NotFound();
        if (problem is null)
        {
            TempData["Flash"] = Text["Missed_Responded", Missed.AuthorName].Value;
            return Redirect($"/spaces/{bondId}/missed/{missedId}");
        }
        TypedWords = words;
        return await FailAsync(bondId, missedId, problem.Value, ct);
    }

    /// <summary>The writer takes the missed moment back, with the other person's response to it.</summary>
    public async Task<IActionResult> OnPostTakeBackAsync(Guid bondId, Guid missedId, CancellationToken ct)
    {
        if (!await takeBack.MissedAsync(bondId, missedId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = Text["TakeBack_Done"].Value;
        return Redirect($"/spaces/{bondId}/moments");
    }

    public async Task<IActionResult> OnPostRepairedAsync(Guid bondId, Guid missedId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, missedId, ct))
            return NotFound();
        var problem = await writer.MarkRepairedAsync(bondId, missedId, User.PersonId(), ct);
        if (problem == MomentProblem.NotFound)
            return NotFound();
        if (problem is null)
        {
            TempData["Flash"] = Text["Missed_MarkedRepaired"].Value;
            return Redirect($"/spaces/{bondId}/missed/{missedId}");
        }
        return await FailAsync(bondId, missedId, problem.Value, ct);
    }

    private async Task<IActionResult> FailAsync(Guid bondId, Guid missedId, MomentProblem problem, CancellationToken ct)
    {
        AddProblems([problem]);
        await LoadAsync(bondId, missedId, ct);
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid bondId, Guid missedId, CancellationToken ct)
    {
        if (!await LoadBondAsync(bondId, ct))
            return false;
        if (await queries.FindMissedAsync(bondId, missedId, User.PersonId(), ct) is not { } missed)
            return false;
        Missed = missed;
        return true;
    }
}
