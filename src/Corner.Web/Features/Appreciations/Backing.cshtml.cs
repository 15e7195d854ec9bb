using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Appreciations;

/// <summary>The person's own "you have my back when you …" list in a space: add, reorder, retire, bring back;
/// and, to read, the other member's list.</summary>
public sealed class BackingModel(SpaceAccessor spaces, AppreciationQueries queries, BackingStatementWriter writer,
    IStringLocalizer<AppreciationsText> text) : PageModel
{
    [BindProperty] public string? Words { get; set; }

    /// <summary>Made on GET and kept through failed tries, so a double submit adds one statement.</summary>
    [BindProperty] public string? SubmissionId { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public IReadOnlyList<BackingStatementView> Mine { get; private set; } = [];
    public IReadOnlyList<BackingStatementView> Theirs { get; private set; } = [];
    public string? Problem { get; private set; }

    public IEnumerable<BackingStatementView> Active => Mine.Where(s => !s.Retired);
    public IEnumerable<BackingStatementView> Retired => Mine.Where(s => s.Retired);
    public bool IsFull => Active.Count() >= BackingStatementWriter.MaxActive;

    /// <summary>New statements only while the other person has not left.</summary>
    public bool CanAdd => !Bond.OtherLeft;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        SubmissionId = Guid.NewGuid().ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAddAsync(Guid bondId, CancellationToken ct)
    {
        if (!Guid.TryParse(SubmissionId, out var submissionId) || submissionId == Guid.Empty)
            submissionId = Guid.NewGuid();
        SubmissionId = submissionId.ToString();
        var (saved, problem) = await writer.AddAsync(bondId, User.PersonId(), Words, submissionId, ct);
        if (problem == BackingProblem.NotFound)
            return NotFound();
        if (saved is not null)
            return Done(bondId, "Backing_Added");
        if (problem == BackingProblem.SubmissionIdUsed)
            SubmissionId = Guid.NewGuid().ToString();
        return await FailedAsync(bondId, problem!.Value, ct);
    }

    public Task<IActionResult> OnPostRetireAsync(Guid bondId, Guid statementId, CancellationToken ct) =>
        ChangeAsync(bondId, writer.RetireAsync(bondId, statementId, User.PersonId(), ct), "Backing_Retired", ct);

    public Task<IActionResult> OnPostTakeBackAsync(Guid bondId, Guid statementId, CancellationToken ct) =>
        ChangeAsync(bondId, writer.TakeBackAsync(bondId, statementId, User.PersonId(), ct), "Backing_TakenBack", ct);

    public Task<IActionResult> OnPostRestoreAsync(Guid bondId, Guid statementId, CancellationToken ct) =>
        ChangeAsync(bondId, writer.RestoreAsync(bondId, statementId, User.PersonId(), ct), "Backing_Restored", ct);

    public Task<IActionResult> OnPostMoveAsync(Guid bondId, Guid statementId, string? direction, CancellationToken ct) =>
        ChangeAsync(bondId, writer.MoveAsync(bondId, statementId, User.PersonId(), direction, ct),
            direction == BackingStatementWriter.Up ? "Backing_MovedUp" : "Backing_MovedDown", ct);

    private async Task<IActionResult> ChangeAsync(Guid bondId, Task<BackingProblem?> change, string doneKey, CancellationToken ct)
    {
        var problem = await change;
        if (problem == BackingProblem.NotFound)
            return NotFound();
        if (problem is { } p)
        {
            SubmissionId = Guid.NewGuid().ToString();
            Words = null;
            return await FailedAsync(bondId, p, ct);
        }
        return Done(bondId, doneKey);
    }

    private RedirectResult Done(Guid bondId, string key)
    {
        TempData["Flash"] = text[key].Value;
        return Redirect($"/spaces/{bondId}/backing");
    }

    private async Task<IActionResult> FailedAsync(Guid bondId, BackingProblem problem, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        Problem = text[$"Backing_Problem_{problem}", BackingStatementWriter.WordsMaxLength, BackingStatementWriter.MaxActive];
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        Mine = await queries.MyStatementsAsync(bondId, personId, ct);
        Theirs = bond.OtherName is null ? [] : await queries.TheirStatementsAsync(bondId, personId, ct);
        return true;
    }
}
