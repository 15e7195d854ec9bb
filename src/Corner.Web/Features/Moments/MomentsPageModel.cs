using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>What every Moments page needs: the space (only for its current members; otherwise 404), the reader's time zone, problems.</summary>
public abstract class MomentsPageModel(SpaceAccessor spaces, PersonalDay day, IStringLocalizer<MomentsText> text) : PageModel
{
    /// <summary>The reader's own calendar: their time zone is read once per request.</summary>
    protected PersonalDay Day { get; } = day;

    public BondSummary Bond { get; private set; } = null!;
    public string TimeZone { get; private set; } = "Etc/UTC";
    public List<string> Problems { get; } = [];

    protected IStringLocalizer<MomentsText> Text => text;

    /// <summary>False when the space is not the signed-in person's (answer 404).</summary>
    protected async Task<bool> LoadBondAsync(Guid bondId, CancellationToken ct)
    {
        if (await spaces.FindForMemberAsync(bondId, User.PersonId(), ct) is not { } bond)
            return false;
        Bond = bond;
        TimeZone = await Day.ZoneAsync(User.PersonId(), ct);
        return true;
    }

    /// <summary>Both people are here, so hand-overs can happen.</summary>
    public bool BothHere => Bond.OtherName is not null && !Bond.OtherLeft;

    protected void AddProblems(IEnumerable<MomentProblem> problems) =>
        Problems.AddRange(problems.Distinct().Select(p => text[$"Problem_{p}", MomentTextRules.SituationMaxLength].Value));

    /// <summary>When the form could not be read at all (a malformed id or date): say so, keep the page.</summary>
    protected void AddUnreadable() => Problems.Add(text["Problem_Unreadable"].Value);
}
