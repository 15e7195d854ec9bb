using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Reconnection;

/// <summary>What the space home shows of the plan: whether there is one and who has confirmed its latest version.</summary>
public sealed record PlanSummary(int Version, bool ConfirmedByMe, bool ConfirmedByOther, bool UpdatedByMe);

public sealed record SpaceReconnectionModel(PausePanelModel Panel, PlanSummary? Plan, string OtherName);

/// <summary>The reconnection cards' reads (the pause at the top and the plan's card), queued with the other cards'
/// (<see cref="ISpaceHomeReads"/>): the open pause, and the plan's version with who has confirmed it. Versions only: the
/// plan's words are not decrypted for the space home.</summary>
public sealed class SpaceReconnectionReads(TimeProvider clock) : ISpaceHomeReads
{
    public DateTimeOffset Now { get; private set; }
    public QueryBatch.Queued<Pause>? Pause { get; private set; }
    public QueryBatch.Queued<(int Version, Guid UpdatedBy, Guid[] Confirmed)>? Plan { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId)
    {
        var bondId = space.Bond.Id;
        Now = clock.GetUtcNow();
        Pause = PauseSignal.QueueCurrent(batch, bondId, Now);
        Plan = batch.Add($"""
            select p.version, p.updated_by,
                   array(select c.person_id from reconnection_plan_confirmations c where c.bond_id = p.bond_id and c.version = p.version)
            from reconnection_plans p where p.bond_id = {bondId}
            """, r => (r.GetInt32(0), r.GetGuid(1), r.GetFieldValue<Guid[]>(2)));
    }
}

/// <summary>The reconnection part of a space's home: the pause (live), a way to send one, and the plan's state.</summary>
public sealed class SpaceReconnectionViewComponent(PausePanelLoader loader, SpaceReconnectionReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(SpaceDetails space)
    {
        var personId = HttpContext.User.PersonId();
        var panel = await loader.LoadAsync(space.Bond, personId, reads);
        var summary = reads.Plan!.Rows is [var plan, ..]
            ? new PlanSummary(plan.Version, plan.Confirmed.Contains(personId), plan.Confirmed.Any(id => id != personId), plan.UpdatedBy == personId)
            : null;
        return View("/Features/Reconnection/_SpaceReconnection.cshtml", new SpaceReconnectionModel(panel, summary, space.Other?.DisplayName ?? ""));
    }
}
