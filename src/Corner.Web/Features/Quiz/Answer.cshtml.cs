using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Quiz;

/// <summary>Answering the quiz alone: save for later at any point, finish when every statement has an answer.</summary>
public sealed class AnswerModel(QuizRounds rounds, QuizBank bank, IStringLocalizer<QuizText> text) : PageModel
{
    /// <summary>Form fields are "q.{statementId}"; the chosen button is "intent" ("save" or "finish").</summary>
    public const string FieldPrefix = "q.";

    public QuizState State { get; private set; } = null!;
    public QuizBank Bank => bank;

    /// <summary>What the form shows: the saved answers, or what was just typed when a save failed.</summary>
    public Dictionary<string, string> Shown { get; } = new(StringComparer.Ordinal);

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (await rounds.StateAsync(bondId, User.PersonId(), ct) is not { } state)
            return NotFound();
        if (state.InProgress is { Finished: true })
            return Redirect($"/spaces/{bondId}/quiz");
        State = state;
        foreach (var (statement, value) in state.InProgress?.Answers ?? new Dictionary<string, int>())
            Shown[statement] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, string? intent, CancellationToken ct)
    {
        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        QuizProblem? problem = null;
        foreach (var (key, values) in Request.Form)
        {
            if (!key.StartsWith(FieldPrefix, StringComparison.Ordinal))
                continue;
            var statement = key[FieldPrefix.Length..];
            var raw = values.ToString();
            Shown[statement] = raw;
            if (string.IsNullOrEmpty(raw))
                continue;
            if (values.Count != 1 || !int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
                problem ??= QuizProblem.OutOfRange;
            else
                answers[statement] = value;
        }
        var finish = intent == "finish";
        QuizSaved? saved = null;
        if (problem is null)
            (saved, problem) = await rounds.AnswerAsync(bondId, User.PersonId(), answers, finish, ct);
        if (problem == QuizProblem.NotFound)
            return NotFound();
        if (saved is not null)
        {
            if (saved.Finished)
            {
                TempData["Flash"] = text["Finished_Flash"].Value;
                return Redirect($"/spaces/{bondId}/quiz");
            }
            return Redirect($"/spaces/{bondId}");
        }
        if (problem == QuizProblem.AlreadyFinished)
            return Redirect($"/spaces/{bondId}/quiz");
        if (await rounds.StateAsync(bondId, User.PersonId(), ct) is not { } state)
            return NotFound();
        State = state;
        Problem = text[$"Problem_{problem}"];
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }
}
