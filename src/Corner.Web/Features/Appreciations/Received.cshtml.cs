using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Appreciations;

/// <summary>The appreciations this person has received in a space, newest first; refreshed live when one arrives.</summary>
public sealed class ReceivedModel(SpaceAccessor spaces, AppreciationQueries queries) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public string TimeZone { get; private set; } = "UTC";
    public AppreciationPage Received { get; private set; } = new([], false);

    /// <summary>Only while the other person is here to receive it.</summary>
    public bool CanSend => Bond.OtherName is not null && !Bond.OtherLeft;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return NotFound();
        Bond = bond;
        PageNumber = Math.Max(0, PageNumber);
        TimeZone = await queries.TimeZoneAsync(personId, ct);
        Received = await queries.ReceivedAsync(bondId, personId, PageNumber, ct);
        return Page();
    }
}
