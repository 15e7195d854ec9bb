using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Appreciations;

public sealed record SpaceAppreciationsModel(Guid BondId, string OtherName, IReadOnlyList<BackingStatementView> TheirStatements,
    int MyActiveStatements, AppreciationView? LatestReceived, string TimeZone);

/// <summary>
/// The space home's part: the other member's "you have my back when you …" statements as a standing reminder,
/// and the latest appreciation they sent (no counts, nothing to keep up with).
/// </summary>
public sealed class SpaceAppreciationsViewComponent(AppreciationQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var otherName = space.Other?.DisplayName ?? "";
        var personId = HttpContext.User.PersonId();
        var (theirs, mine) = await queries.StandingAsync(bondId, personId);
        var latest = await queries.LatestReceivedAsync(bondId, personId);
        return View("/Features/Appreciations/_SpaceAppreciations.cshtml",
            new SpaceAppreciationsModel(bondId, otherName, theirs, mine, latest, await queries.TimeZoneAsync(personId)));
    }
}
