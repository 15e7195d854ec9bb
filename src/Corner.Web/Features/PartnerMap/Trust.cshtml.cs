using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

/// <summary>The one-time screen before someone first reads the other's own answers: for support, never ammunition.</summary>
public sealed class TrustModel(SpaceAccessor spaces, MapWriter writer, MapQueries queries, CornerDbContext db, IStringLocalizer<PartnerMapText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public bool Confirm { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public string Other => Bond.OtherName ?? "";
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public string TimeZone { get; private set; } = "UTC";
    public string? Problem { get; private set; }

    /// <summary>Only somewhere on this space's map: never an address from elsewhere.</summary>
    public string Continue => ReturnUrl is { } url && url.StartsWith($"/spaces/{Bond.Id}/map", StringComparison.Ordinal)
        && !url.Contains("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal) ? url : $"/spaces/{Bond.Id}/map";

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        // Nobody else here yet: there is nothing of theirs to read, so nothing to agree to.
        return Bond.OtherName is null ? Redirect($"/spaces/{bondId}/map") : Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        if (Bond.OtherName is null)
            return Redirect($"/spaces/{bondId}/map");
        if (!Confirm && ConfirmedAt is null)
        {
            Problem = text["Trust_Required"];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!await writer.ConfirmTrustAsync(bondId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = text["Trust_Done", Other].Value;
        return LocalRedirect(Continue);
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        ConfirmedAt = await db.Set<MapTrust>().Where(t => t.BondId == bondId && t.PersonId == personId)
            .Select(t => (DateTimeOffset?)t.ConfirmedAt).FirstOrDefaultAsync(ct);
        TimeZone = await queries.TimeZoneOfAsync(personId, ct);
        return true;
    }
}
