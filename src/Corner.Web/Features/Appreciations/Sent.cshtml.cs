using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Appreciations;

/// <summary>What this person has told the other member they appreciate or admire, newest first.</summary>
public sealed class SentModel(SpaceAccessor spaces, AppreciationQueries queries, AppreciationWriter writer,
    IStringLocalizer<AppreciationsText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public string TimeZone { get; private set; } = "UTC";
    public AppreciationPage Sent { get; private set; } = new([], false);

    public bool CanSend => Bond.OtherName is not null && !Bond.OtherLeft;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        PageNumber = Math.Max(0, PageNumber);
        TimeZone = await queries.TimeZoneAsync(personId, ct);
        Sent = await queries.SentAsync(bondId, personId, PageNumber, ct);
        return Page();
    }

    /// <summary>"Take back": the confirmation is the second button inside the note's details, so it works without JavaScript.</summary>
    public async Task<IActionResult> OnPostTakeBackAsync(Guid bondId, Guid appreciationId, CancellationToken ct)
    {
        if (!await writer.TakeBackAsync(bondId, appreciationId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = text["TakeBack_Done"].Value;
        return Redirect($"/spaces/{bondId}/appreciations/sent");
    }
}
