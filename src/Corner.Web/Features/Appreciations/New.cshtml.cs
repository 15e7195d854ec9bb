using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Appreciations;

/// <summary>Writing an appreciation, with a gentle prompt for when words don't come.</summary>
public sealed class NewModel(SpaceAccessor spaces, AppreciationQueries queries, AppreciationWriter writer,
    IStringLocalizer<AppreciationsText> text) : PageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Words { get; set; }

    /// <summary>Made on GET and kept through failed tries, so a double submit saves one note.</summary>
    [BindProperty] public string? SubmissionId { get; set; }

    [BindProperty(SupportsGet = true)] public int? Prompt { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public int PromptIndex { get; private set; }
    public string? Problem { get; private set; }
    public bool CanSend => Bond.OtherName is not null && !Bond.OtherLeft;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        Kind = AppreciationWriter.Appreciate;
        SubmissionId = Guid.NewGuid().ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        if (!Guid.TryParse(SubmissionId, out var submissionId) || submissionId == Guid.Empty)
            submissionId = Guid.NewGuid();
        SubmissionId = submissionId.ToString();
        var (sent, problem) = await writer.SendAsync(bondId, User.PersonId(), Kind, Words, submissionId, ct);
        if (problem == AppreciationProblem.NotFound)
            return NotFound();
        if (sent is not null)
        {
            TempData["Flash"] = text["New_Sent", Bond.OtherName ?? ""].Value;
            return Redirect($"/spaces/{bondId}/appreciations/sent");
        }
        // A key that is somebody else's: a fresh one lets the person simply send again.
        if (problem == AppreciationProblem.SubmissionIdUsed)
            SubmissionId = Guid.NewGuid().ToString();
        Problem = text[$"Appreciation_Problem_{problem}", AppreciationWriter.WordsMaxLength];
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }

    /// <summary>"Another idea": the next prompt, keeping everything typed so far. Saves nothing.</summary>
    public async Task<IActionResult> OnPostPromptAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        PromptIndex = AppreciationPrompts.Next(PromptIndex);
        ModelState.Clear();
        return Page();
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        PromptIndex = AppreciationPrompts.Current(Prompt, await queries.SentCountAsync(bondId, personId, ct));
        return true;
    }
}
