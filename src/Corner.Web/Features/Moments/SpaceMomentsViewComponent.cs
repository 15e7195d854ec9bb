using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Moments;

public sealed record SpaceMomentsModel(Guid BondId, string OtherName, string TimeZone, IReadOnlyList<AskView> Asks,
    IReadOnlyList<MomentView> Moments, IReadOnlyList<MissedView> Missed);

/// <summary>The moments card's one read, queued with the other cards' (<see cref="ISpaceHomeReads"/>).</summary>
public sealed class SpaceMomentsReads : ISpaceHomeReads
{
    public QueryBatch.Queued<MomentQueries.OpenRow>? Open { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId) => Open = MomentQueries.QueueOpen(batch, space.Bond.Id, personId);
}

/// <summary>The space home's part for having each other's back: open asks from the other, moments waiting on
/// this person, missed moments not yet repaired (gently), and the way to the timeline.</summary>
public sealed class SpaceMomentsViewComponent(MomentQueries queries, SpaceMomentsReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var otherName = space.Other?.DisplayName ?? "";
        var open = await queries.OpenAsync(reads.Open!, bondId, HttpContext.User.PersonId());
        var (asks, moments, missed) = open ?? ([], [], []);
        return View("/Features/Moments/_SpaceMoments.cshtml", new SpaceMomentsModel(bondId, otherName, space.TimeZone, asks, moments, missed));
    }
}
