using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

/// <summary>
/// One question of the map (today's question when none is named): your own answer, your guess about the other
/// person, their guess about you to compare, and their own answer if they shared it and you agreed to the trust screen.
/// </summary>
public sealed class QuestionModel(SpaceAccessor spaces, MapQueries queries, MapWriter writer, MapTakeBack takeBack, QuestionOfTheDay daily,
    IStringLocalizer<PartnerMapText> text) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? QuestionId { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public MapQuestion Question { get; private set; } = null!;
    public QuestionState State { get; private set; } = null!;
    public bool IsToday { get; private set; }
    public string TimeZone { get; private set; } = "UTC";

    /// <summary>The other member's name while they are in the space; null when alone (or they left).</summary>
    public string? Other => Bond.OtherLeft ? null : Bond.OtherName;

    /// <summary>Which form failed ("self", "guess", "compare"), its message, and what the person typed, so nothing is lost.</summary>
    public string? FailedForm { get; private set; }
    public string? Problem { get; private set; }
    public string? TypedText { get; private set; }
    public bool? TypedShared { get; private set; }
    public string? TypedMark { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct) =>
        await LoadAsync(bondId, ct) ? Page() : NotFound();

    /// <summary>Today's question was shown (posted by the page, see <see cref="Shared.PostOnView"/>).</summary>
    public async Task<IActionResult> OnPostOfferedAsync(Guid bondId, CancellationToken ct)
    {
        await daily.RecordTodayAsync(bondId, User.PersonId(), ct);
        return Redirect($"/spaces/{bondId}/map/question");
    }

    public async Task<IActionResult> OnPostSelfAsync(Guid bondId, string? answer, bool share, bool shownToday, CancellationToken ct)
    {
        // An answer changes which question would come next: when the page showed it as today's, it is recorded first,
        // so it stays today's (also without JavaScript, which would have posted "offered" already).
        if (shownToday)
            await daily.RecordTodayAsync(bondId, User.PersonId(), ct);
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var (saved, problem) = await writer.SaveSelfAsync(bondId, User.PersonId(), Question.Id, answer, share, ct);
        if (problem is { } p)
            return await FailedAsync(bondId, "self", p, answer, share, null, ct);
        TempData["Flash"] = text["Question_Mine_Saved"].Value;
        return Redirect(Here(bondId, "mine"));
    }

    public async Task<IActionResult> OnPostGuessAsync(Guid bondId, string? guess, bool shownToday, CancellationToken ct)
    {
        if (shownToday)
            await daily.RecordTodayAsync(bondId, User.PersonId(), ct);
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var (saved, problem) = await writer.SaveGuessAsync(bondId, User.PersonId(), Question.Id, guess, ct);
        if (problem is { } p)
            return await FailedAsync(bondId, "guess", p, guess, null, null, ct);
        TempData["Flash"] = text["Question_MyGuess_Saved", Other ?? ""].Value;
        return Redirect(Here(bondId, "my-guess"));
    }

    public async Task<IActionResult> OnPostCompareAsync(Guid bondId, Guid guessId, string? mark, string? note, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var problem = await writer.CompareAsync(bondId, User.PersonId(), guessId, mark, note, ct);
        if (problem == MapProblem.NotFound)
            return NotFound();
        if (problem is { } p)
            return await FailedAsync(bondId, "compare", p, note, null, mark, ct);
        TempData["Flash"] = text["Question_Compare_Saved", Other ?? ""].Value;
        return Redirect(Here(bondId, "their-guess"));
    }

    public async Task<IActionResult> OnPostTakeBackAnswerAsync(Guid bondId, Guid answerId, CancellationToken ct) =>
        TakenBack(bondId, "mine", await takeBack.AnswerAsync(bondId, answerId, User.PersonId(), ct));

    public async Task<IActionResult> OnPostTakeBackGuessAsync(Guid bondId, Guid guessId, CancellationToken ct) =>
        TakenBack(bondId, "my-guess", await takeBack.GuessAsync(bondId, guessId, User.PersonId(), ct));

    /// <summary>Back to the question the form was on (its <c>q</c>), without loading it here: TakeBack already checked
    /// the membership, and the next GET reads the question.</summary>
    private IActionResult TakenBack(Guid bondId, string anchor, bool done)
    {
        if (!done)
            return NotFound();
        TempData["Flash"] = text["TakeBack_Done"].Value;
        return Redirect($"/spaces/{bondId}/map/question?q={Uri.EscapeDataString(QuestionId ?? "")}#{anchor}");
    }

    private async Task<IActionResult> FailedAsync(Guid bondId, string form, MapProblem problem, string? typed, bool? shared, string? mark, CancellationToken ct)
    {
        if (problem == MapProblem.NotFound)
            return NotFound();
        FailedForm = form;
        Problem = text[$"Problem_{problem}", problem is MapProblem.NoteTooLong ? MapWriter.NoteMaxLength : MapWriter.TextMaxLength];
        TypedText = typed;
        TypedShared = shared;
        TypedMark = mark;
        // Whatever did save in between (nothing, here) is shown as it is now.
        await LoadAsync(bondId, ct);
        Response.StatusCode = Refusal.StatusOf(problem);
        return Page();
    }

    private string Here(Guid bondId, string anchor) => $"/spaces/{bondId}/map/question?q={Uri.EscapeDataString(Question.Id)}#{anchor}";

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        if (string.IsNullOrEmpty(QuestionId))
        {
            Question = await daily.ForTodayAsync(bondId, personId, ct);
            IsToday = true;
        }
        else if (QuestionBank.Find(QuestionId) is { } question)
        {
            Question = question;
            // The "Answer it" links name today's question, and it should still say so.
            IsToday = await daily.IsTodaysAsync(bondId, personId, question.Id, ct);
        }
        else
        {
            return false;
        }
        State = (await queries.LoadAsync(bondId, personId, withTexts: true, Question, ct)).Questions.Single();
        TimeZone = await queries.TimeZoneOfAsync(personId, ct);
        return true;
    }
}
