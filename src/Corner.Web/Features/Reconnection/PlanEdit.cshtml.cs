using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Reconnection;

/// <summary>
/// Writing or changing the plan. The form carries the version it started from: if the other person saved in
/// the meantime, nothing is overwritten; their version is shown and what this person typed stays in the form.
/// </summary>
public sealed class PlanEditModel(ReconnectionPlans plans, SpaceAccessor spaces, IStringLocalizer<ReconnectionText> text) : PageModel
{
    [BindProperty] public string? Sign { get; set; }
    [BindProperty] public string? PauseSteps { get; set; }
    [BindProperty] public string? ComingBack { get; set; }
    [BindProperty] public string? RepairPhrase { get; set; }
    [BindProperty] public int BaseVersion { get; set; }

    public BondSummary Bond { get; private set; } = null!;

    /// <summary>The latest version, shown beside the form when it moved on while this person was writing.</summary>
    public PlanView? Newer { get; private set; }

    public List<string> Problems { get; } = [];
    public HashSet<PlanPart> PartsWithProblems { get; } = [];

    public string? this[PlanPart part] => part switch
    {
        PlanPart.Sign => Sign,
        PlanPart.PauseSteps => PauseSteps,
        PlanPart.ComingBack => ComingBack,
        _ => RepairPhrase,
    };

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        if (await plans.FindAsync(bondId, personId, ct) is { } plan)
        {
            (Sign, PauseSteps, ComingBack, RepairPhrase, BaseVersion) = (plan.Sign, plan.PauseSteps, plan.ComingBack, plan.RepairPhrase, plan.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        if (!ModelState.IsValid)
        {
            // Only BaseVersion can fail to bind (a tampered form); the words are kept either way.
            Problems.Add(text["Plan_Problem_Unreadable"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var result = await plans.SaveAsync(bondId, personId, BaseVersion, new PlanInput(Sign, PauseSteps, ComingBack, RepairPhrase), ct);
        if (result.Saved)
        {
            TempData["Flash"] = (result.NewVersion ? text["Plan_Saved", bond.OtherName ?? ""] : text["Plan_SavedNoChange"]).Value;
            return Redirect($"/spaces/{bondId}/reconnect");
        }
        foreach (var issue in result.Problems)
        {
            if (issue.Problem == PlanProblem.NotFound)
                return NotFound();
            if (issue.Part is { } part)
                PartsWithProblems.Add(part);
            Problems.Add(issue.Problem switch
            {
                PlanProblem.VersionChanged when result.Plan?.UpdatedByMe == true => text["Plan_Problem_VersionChangedByYou"],
                PlanProblem.VersionChanged => text["Plan_Problem_VersionChanged", result.Plan?.UpdatedByName ?? ""],
                PlanProblem.Empty => text["Plan_Problem_Empty"],
                _ => text[$"Plan_Problem_{issue.Problem}", text[$"Plan_{issue.Part}_Name"].Value, ReconnectionPlans.PartMaxLength],
            });
        }
        if (result.Problems.Any(p => p.Problem == PlanProblem.VersionChanged) && result.Plan is { } newer)
        {
            // Saving again now is a deliberate choice made with the newer version in view.
            Newer = newer;
            BaseVersion = newer.Version;
            ModelState.Remove(nameof(BaseVersion));
        }
        Response.StatusCode = Refusal.StatusOf(result.Problems.Select(p => p.Problem));
        return Page();
    }
}
