using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.CheckIns;

public sealed record SpaceCheckInsModel(Guid BondId, string OtherName, IReadOnlyList<SharedCheckIn> Recent, bool CheckedInToday, int DaysBothThisMonth, DateOnly Today = default)
{
    /// <summary>Only from what the other shared into this space: a private check-in of theirs never shows, not even as "done".</summary>
    public bool OtherSharedToday => Recent.Any(c => !c.Mine && c.LocalDate >= Today);
}

/// <summary>The check-ins card's reads, queued with the other cards' (<see cref="ISpaceHomeReads"/>): the shared check-ins of
/// today and yesterday (the other person's day may not line up with this person's), whether the person checked in today,
/// and this month's rhythm.</summary>
public sealed class SpaceCheckInsReads(TimeProvider clock) : ISpaceHomeReads
{
    public DateOnly Today { get; private set; }
    public CheckInQueries.QueuedShared? Recent { get; private set; }
    public QueryBatch.Queued<bool>? CheckedIn { get; private set; }
    public QueryBatch.Queued<CheckInRhythm>? Rhythm { get; private set; }

    public void Queue(QueryBatch batch, SpaceDetails space, Guid personId)
    {
        var bondId = space.Bond.Id;
        Today = PersonalDay.Today(space.TimeZone, clock.GetUtcNow());
        Recent = CheckInQueries.QueueShared(batch, bondId, Today.AddDays(-1), Today);
        CheckedIn = CheckInQueries.QueueCheckedIn(batch, personId, Today);
        Rhythm = CheckInQueries.QueueRhythm(batch, bondId, personId, new DateOnly(Today.Year, Today.Month, 1), Today);
    }
}

/// <summary>The check-ins part of a space's home: the latest shared check-ins and a gentle rhythm.</summary>
public sealed class SpaceCheckInsViewComponent(CheckInQueries queries, SpaceCheckInsReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var recent = await queries.SharedAsync(reads.Recent!, bondId, HttpContext.User.PersonId());
        return View("/Features/CheckIns/_SpaceCheckIns.cshtml",
            new SpaceCheckInsModel(bondId, space.Other?.DisplayName ?? "", recent, reads.CheckedIn!.Single,
                reads.Rhythm!.Single!.DaysBothCheckedIn, reads.Today));
    }
}
