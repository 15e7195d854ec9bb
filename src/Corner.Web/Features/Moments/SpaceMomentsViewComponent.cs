using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Moments;

public sealed record SpaceMomentsModel(Guid BondId, string OtherName, string TimeZone, IReadOnlyList<AskView> Asks,
    IReadOnlyList<MomentView> Moments, IReadOnlyList<MissedView> Missed);

/// <summary>The space home's part for having each other's back: open asks from the other, moments waiting on
/// this person, missed moments not yet repaired (gently), and the way to the timeline.</summary>
public sealed class SpaceMomentsViewComponent(MomentQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var otherName = space.Other?.DisplayName ?? "";
        var timeZone = space.TimeZone;
        var open = await queries.OpenAsync(bondId, HttpContext.User.PersonId());
        var (asks, moments, missed) = open ?? ([], [], []);
        return View("/Features/Moments/_SpaceMoments.cshtml", new SpaceMomentsModel(bondId, otherName, timeZone, asks, moments, missed));
    }
}
