using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Appreciations;

public sealed record SpaceAppreciationsModel(Guid BondId, string OtherName, IReadOnlyList<BackingStatementView> TheirStatements,
    int MyActiveStatements, AppreciationView? LatestReceived, string TimeZone);

/// <summary>The appreciations card's reads, queued with the other cards' (<see cref="ISpaceHomeReads"/>).</summary>
public sealed class SpaceAppreciationsReads : ISpaceHomeReads
{
    public QueryBatch.Queued<BackingStatement>? Standing { get; private set; }
    public QueryBatch.Queued<AppreciationQueries.LatestRow>? Latest { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId)
    {
        Standing = AppreciationQueries.QueueStanding(batch, space.Bond.Id);
        Latest = AppreciationQueries.QueueLatestReceived(batch, space.Bond.Id, personId);
    }
}

/// <summary>
/// The space home's part: the other member's "you have my back when you …" statements as a standing reminder,
/// and the latest appreciation they sent (no counts, nothing to keep up with).
/// </summary>
public sealed class SpaceAppreciationsViewComponent(AppreciationQueries queries, SpaceAppreciationsReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var (theirs, mine) = await queries.StandingAsync(reads.Standing!, bondId, HttpContext.User.PersonId());
        var latest = await queries.LatestReceivedAsync(reads.Latest!, bondId);
        return View("/Features/Appreciations/_SpaceAppreciations.cshtml",
            new SpaceAppreciationsModel(bondId, space.Other?.DisplayName ?? "", theirs, mine, latest, space.TimeZone));
    }
}
