using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.CheckIns;

public sealed record SpaceCheckInsModel(Guid BondId, string OtherName, IReadOnlyList<SharedCheckIn> Recent, bool CheckedInToday, int DaysBothThisMonth, DateOnly Today = default)
{
    /// <summary>Only from what the other shared into this space: a private check-in of theirs never shows, not even as "done".</summary>
    public bool OtherSharedToday => Recent.Any(c => !c.Mine && c.LocalDate >= Today);
}

/// <summary>The check-ins part of a space's home: the latest shared check-ins and a gentle rhythm.</summary>
public sealed class SpaceCheckInsViewComponent(CheckInQueries queries, PersonalDay day) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bondId = space.Bond.Id;
        var otherName = space.Other?.DisplayName ?? "";
        var personId = HttpContext.User.PersonId();
        var today = await day.TodayAsync(personId);
        // Today and yesterday: the other person's day may not line up with this person's.
        var recent = await queries.SharedInBondAsync(bondId, personId, today.AddDays(-1), today);
        var mine = await queries.MineAsync(personId, today);
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var rhythm = await queries.RhythmAsync(bondId, personId, monthStart, today);
        return View("/Features/CheckIns/_SpaceCheckIns.cshtml",
            new SpaceCheckInsModel(bondId, otherName, recent, mine is not null, rhythm.DaysBothCheckedIn, today));
    }
}
