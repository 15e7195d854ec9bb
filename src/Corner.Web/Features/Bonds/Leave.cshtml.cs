using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

/// <summary>Says plainly what leaving means, then leaves on POST.</summary>
public sealed class LeaveModel(SpaceAccessor spaces, BondLeaver leaver, IStringLocalizer<BondsText> text) : PageModel
{
    public SpaceDetails Space { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (await spaces.FindDetailsForMemberAsync(bondId, User.PersonId(), ct) is not { } space)
            return NotFound();
        Space = space;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await leaver.LeaveAsync(User.PersonId(), bondId, ct))
            return NotFound();
        TempData["Flash"] = text["Leave_Done"].Value;
        return Redirect("/");
    }
}
