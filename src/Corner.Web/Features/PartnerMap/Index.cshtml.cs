using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.PartnerMap;

/// <summary>A space's partner map: each area explored or not, old answers, and how guesses compared; about you or about them.</summary>
public sealed class IndexModel(SpaceAccessor spaces, MapQueries queries, QuestionOfTheDay daily) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? View { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public MapView Map { get; private set; } = null!;
    public MapQuestion Today { get; private set; } = null!;
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>The other member's name while they are in the space; null when alone (or they left).</summary>
    public string? Other => Bond.OtherLeft ? null : Bond.OtherName;
    public bool AboutThem => View == "them" && Other is not null;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        Map = await queries.LoadAsync(bondId, personId, withTexts: false, ct: ct);
        Today = await daily.ForTodayAsync(bondId, personId, ct);
        TimeZone = await queries.TimeZoneOfAsync(personId, ct);
        return Page();
    }
}
