using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CycleMap;

/// <summary>A space's cycle map: both shared halves drawn as one loop, or what is shared so far.</summary>
public sealed class IndexModel(SpaceAccessor spaces, CycleMapQueries queries, IStringLocalizer<CycleMapText> text) : PageModel
{
    public BondSummary Bond { get; private set; } = null!;
    public CycleMapView Map { get; private set; } = null!;
    public CycleLoop? Loop { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        Map = await queries.MapAsync(bondId, personId, bond.OtherName, ct);
        if (Map is { LoopReady: true, Mine: { } mine, Theirs: { } theirs })
            Loop = new CycleLoop(mine, theirs, id => text[CycleBehaviours.TextKey(id)],
                text["Loop_MyTrigger"], text["Loop_MyReaction"], text["Loop_TheirTrigger", theirs.Name], text["Loop_TheirReaction", theirs.Name]);
        return Page();
    }
}
