using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Bonds;

public sealed class NewSpaceModel(BondCreator creator, IStringLocalizer<BondsText> text) : PageModel
{
    public static IReadOnlyList<BondKind> Kinds { get; } = Enum.GetValues<BondKind>();

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }

    /// <summary>Made on GET and used as the new space's id, so a double submit makes one space.</summary>
    [BindProperty] public string? IdempotencyKey { get; set; }

    public void OnGet()
    {
        Kind = nameof(BondKind.Partners);
        Name = text["New_DefaultName"];
        IdempotencyKey = Guid.NewGuid().ToString();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Guid.TryParse(IdempotencyKey, out var bondId) || bondId == Guid.Empty)
            bondId = Guid.NewGuid();
        IdempotencyKey = bondId.ToString();
        ModelState.Clear();

        switch (await creator.CreateAsync(User.PersonId(), bondId, Kind, Name, ct))
        {
            case BondCreation.Created created:
                return Redirect($"/spaces/{created.Bond.Id}/invite");
            case BondCreation.Invalid invalid:
                foreach (var error in invalid.Errors)
                    ModelState.AddModelError(BondInput.KindField(error), text.For(error));
                return Page();
            default:
                // The key belongs to something else: a fresh one lets the person simply try again.
                IdempotencyKey = Guid.NewGuid().ToString();
                ModelState.AddModelError(string.Empty, text["New_TryAgain"]);
                return Page();
        }
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
