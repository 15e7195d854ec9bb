using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Reconnection;

/// <summary>The space's reconnection plan: read it, confirm the version you read, see what changed when.</summary>
public sealed class PlanModel(ReconnectionPlans plans, SpaceAccessor spaces, PersonalDay day, IStringLocalizer<ReconnectionText> text) : PageModel
{
    public BondSummary Bond { get; private set; } = null!;
    public PlanView? Plan { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct) =>
        await LoadAsync(bondId, ct) ? Page() : NotFound();

    /// <summary>Confirms the version the person read (<paramref name="version"/>); a newer one is shown instead.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid bondId, int? version, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var (_, problem) = await plans.ConfirmAsync(bondId, User.PersonId(), version ?? -1, ct);
        switch (problem)
        {
            case PlanProblem.NotFound:
                return NotFound();
            case PlanProblem.PlanChanged or PlanProblem.NoPlan:
                await LoadAsync(bondId, ct);
                Problem = text[problem == PlanProblem.NoPlan ? "Plan_Problem_NoPlan" : "Plan_Problem_PlanChanged"];
                Response.StatusCode = Refusal.StatusOf(problem);
                return Page();
        }
        TempData["Flash"] = text["Plan_Confirmed"].Value;
        return Redirect($"/spaces/{bondId}/reconnect");
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        Plan = await plans.FindAsync(bondId, personId, ct);
        TimeZone = await day.ZoneAsync(personId, ct);
        return true;
    }

    /// <summary>"the sign and the repair phrase", in the reader's language.</summary>
    public string DescribeParts(IReadOnlyList<PlanPart> parts)
    {
        var names = parts.Select(p => text[$"Plan_{p}_Name"].Value).ToList();
        return names.Count switch
        {
            0 => text["Plan_History_NoParts"],
            1 => names[0],
            _ => text["Plan_History_PartsAnd", string.Join(text["Plan_History_PartsSeparator"].Value, names[..^1]), names[^1]],
        };
    }
}
