using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Reconnection;

/// <summary>What the space home shows of the plan: whether there is one and who has confirmed its latest version.</summary>
public sealed record PlanSummary(int Version, bool ConfirmedByMe, bool ConfirmedByOther, bool UpdatedByMe);

public sealed record SpaceReconnectionModel(PausePanelModel Panel, PlanSummary? Plan, string OtherName);

/// <summary>The reconnection part of a space's home: the pause (live), a way to send one, and the plan's state.</summary>
public sealed class SpaceReconnectionViewComponent(CornerDbContext db, PausePanelLoader loader) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bond = space.Bond;
        var otherName = space.Other?.DisplayName ?? "";
        var personId = HttpContext.User.PersonId();
        var bondId = bond.Id;
        var panel = await loader.LoadAsync(bond, personId);
        // Versions only: the plan's words are not decrypted for the space home.
        var plan = await db.Set<ReconnectionPlan>().AsNoTracking().Where(p => p.BondId == bondId)
            .Select(p => new
            {
                p.Version,
                p.UpdatedBy,
                Confirmed = db.Set<ReconnectionPlanConfirmation>().Where(c => c.BondId == bondId && c.Version == p.Version).Select(c => c.PersonId).ToList(),
            })
            .FirstOrDefaultAsync();
        var summary = plan is null ? null
            : new PlanSummary(plan.Version, plan.Confirmed.Contains(personId), plan.Confirmed.Any(id => id != personId), plan.UpdatedBy == personId);
        return View("/Features/Reconnection/_SpaceReconnection.cshtml", new SpaceReconnectionModel(panel, summary, otherName));
    }
}
