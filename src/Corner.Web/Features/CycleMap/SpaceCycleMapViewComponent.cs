using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.CycleMap;

/// <summary>Where the loop stands for the viewer, and how many times the cycle was noted this month.</summary>
public sealed record CycleCard(bool MineStarted, bool MineShared, bool TheirsShared, int TimesThisMonth);

public sealed record SpaceCycleMapModel(Guid BondId, string OtherName, bool MineStarted, bool MineShared, bool TheirsShared, int TimesThisMonth)
{
    public bool LoopReady => MineShared && TheirsShared;
}

/// <summary>The cycle card's one read, queued with the other cards' (<see cref="ISpaceHomeReads"/>).</summary>
public sealed class SpaceCycleMapReads(TimeProvider clock) : ISpaceHomeReads
{
    public QueryBatch.Queued<CycleCard>? Card { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId)
    {
        var today = PersonalDay.Today(space.TimeZone, clock.GetUtcNow());
        Card = CycleMapQueries.QueueCard(batch, space.Bond.Id, personId, new DateOnly(today.Year, today.Month, 1), today);
    }
}

/// <summary>The cycle map's part of a space's home: where the loop stands, and a way to note when it happened.
/// Reads no text, so it decrypts nothing.</summary>
public sealed class SpaceCycleMapViewComponent(SpaceCycleMapReads reads) : ViewComponent
{
    public IViewComponentResult Invoke(SpaceDetails space)
    {
        var card = reads.Card!.Single!;
        return View("/Features/CycleMap/_SpaceCycleMap.cshtml", new SpaceCycleMapModel(space.Bond.Id, space.Other?.DisplayName ?? "",
            card.MineStarted, card.MineShared, card.TheirsShared, card.TimesThisMonth));
    }
}
