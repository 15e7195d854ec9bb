using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Quiz;

/// <summary>The quiz's home in a space: the latest result and how it moved, or where the caller's round stands.</summary>
public sealed class IndexModel(QuizRounds rounds, IStringLocalizer<QuizText> text) : PageModel
{
    public QuizState State { get; private set; } = null!;
    public string? Problem { get; private set; }
    public bool Carried { get; private set; }

    [BindProperty] public string? Blob { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (await rounds.StateAsync(bondId, User.PersonId(), ct) is not { } state)
            return NotFound();
        State = state;
        return Page();
    }

    /// <summary>The caller has been shown the latest result (posted by the page once shown, see
    /// <see cref="Shared.PostOnView"/>), which ends their "finished the quiz" notice.</summary>
    public async Task<IActionResult> OnPostSeenAsync(Guid bondId, CancellationToken ct)
    {
        await rounds.MarkSeenAsync(bondId, User.PersonId(), ct);
        return Redirect($"/spaces/{bondId}/quiz");
    }

    /// <summary>Brings answers kept in this browser (before signing up) into the space as the caller's half.</summary>
    public async Task<IActionResult> OnPostCarryAsync(Guid bondId, CancellationToken ct)
    {
        var (saved, problem) = await rounds.CarryAsync(bondId, User.PersonId(), Blob, ct);
        if (problem == QuizProblem.NotFound)
            return NotFound();
        State = (await rounds.StateAsync(bondId, User.PersonId(), ct))!;
        if (saved is not null)
        {
            TempData["Flash"] = text["Carried"].Value;
            return Redirect(saved.Finished ? $"/spaces/{bondId}/quiz?carried=1" : $"/spaces/{bondId}/quiz/answer?carried=1");
        }
        Problem = text[$"Problem_{problem}"];
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }
}
