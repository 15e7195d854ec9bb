using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>The between-sessions page of one couple, for their counsellor, and the one thing a counsellor may leave
/// them: a practice for the coming week. Each visit is on the couple's record.</summary>
public sealed class GrantModel(BetweenSessions pages, CounselSuggestions suggestions, PersonalDay day, IStringLocalizer<CounselText> text) : PageModel
{
    public BetweenSessionsView View { get; private set; } = null!;
    public SuggestionView? Suggestion { get; private set; }
    public string TimeZone { get; private set; } = "Etc/UTC";

    [BindProperty] public string? Practice { get; set; }
    [BindProperty] public string? Note { get; set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid grantId, CancellationToken ct) =>
        await LoadAsync(grantId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSuggestAsync(Guid grantId, CancellationToken ct)
    {
        var (_, problem) = await suggestions.SuggestAsync(User.PersonId(), grantId, Practice, Note, ct);
        if (problem is SuggestionProblem.NotFound)
            return NotFound();
        if (problem is { } p)
        {
            Problem = text[$"Suggestion_Problem_{p}", CounselSuggestions.NoteMaxLength];
            Response.StatusCode = Refusal.StatusOf(p);
            return await LoadAsync(grantId, ct) ? Page() : NotFound();
        }
        TempData["Flash"] = text["Flash_Suggested"].Value;
        return Redirect($"/desk/{grantId}#suggest");
    }

    private async Task<bool> LoadAsync(Guid grantId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await pages.ReadAsync(grantId, personId, CounselRecord.BetweenSessionsPage, ct) is not { } view)
            return false;
        View = view;
        Suggestion = await suggestions.LatestForCounsellorAsync(grantId, ct);
        TimeZone = await day.ZoneAsync(personId, ct);
        return true;
    }
}
