using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Appreciations;

/// <summary>Rewording one of the person's own backing statements. Anyone else's is not found.</summary>
public sealed class BackingEditModel(SpaceAccessor spaces, AppreciationQueries queries, BackingStatementWriter writer,
    IStringLocalizer<AppreciationsText> text) : PageModel
{
    [BindProperty] public string? Words { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public BackingStatementView Statement { get; private set; } = null!;
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, Guid statementId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, statementId, ct))
            return NotFound();
        Words = Statement.Words;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, Guid statementId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, statementId, ct))
            return NotFound();
        var problem = await writer.EditAsync(bondId, statementId, User.PersonId(), Words, ct);
        if (problem == BackingProblem.NotFound)
            return NotFound();
        if (problem is { } p)
        {
            Problem = text[$"Backing_Problem_{p}", BackingStatementWriter.WordsMaxLength, BackingStatementWriter.MaxActive];
            Response.StatusCode = Refusal.StatusOf(p);
            return Page();
        }
        TempData["Flash"] = text["Backing_Saved"].Value;
        return Redirect($"/spaces/{bondId}/backing");
    }

    private async Task<bool> LoadAsync(Guid bondId, Guid statementId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        if (await queries.MyStatementAsync(bondId, statementId, personId, ct) is not { } statement)
            return false;
        Bond = bond;
        Statement = statement;
        return true;
    }
}
