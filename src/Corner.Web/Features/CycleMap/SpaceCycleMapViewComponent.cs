using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.CycleMap;

public sealed record SpaceCycleMapModel(Guid BondId, string OtherName, bool MineStarted, bool MineShared, bool TheirsShared, int TimesThisMonth)
{
    public bool LoopReady => MineShared && TheirsShared;
}

/// <summary>The cycle map's part of a space's home: where the loop stands, and a way to note when it happened.
/// Reads no text, so it decrypts nothing.</summary>
public sealed class SpaceCycleMapViewComponent(CycleMapQueries queries, PersonalDay day) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var otherName = space.Other?.DisplayName ?? "";
        var personId = HttpContext.User.PersonId();
        var today = await day.TodayAsync(personId);
        var (mineStarted, mineShared, theirsShared, times) = await queries.CardAsync(bondId, personId, new DateOnly(today.Year, today.Month, 1), today);
        return View("/Features/CycleMap/_SpaceCycleMap.cshtml",
            new SpaceCycleMapModel(bondId, otherName, mineStarted, mineShared, theirsShared, times));
    }
}
