using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

/// <summary>
/// The partner map over HTTP, on the same handlers as the pages (MapWriter, MapQueries, QuestionOfTheDay).
/// Responses carry no person ids; the other member's private answers are not in them, nor is their existence.
/// </summary>
public static class PartnerMapApi
{
    public sealed record QuestionDto(string Id, string Area, bool Tender, string Text);

    public sealed record AreaDto(string Id, string Name, bool Tender, IReadOnlyList<QuestionDto> Questions);

    public sealed record MyAnswerDto(Guid Id, string? Text, bool Shared, DateTimeOffset AnsweredAt, bool MayHaveChanged);

    public sealed record MyGuessDto(Guid Id, string? Text, DateTimeOffset GuessedAt, string? Mark, string? Note, DateTimeOffset? ComparedAt);

    /// <summary>"text" and "note" stay null until the caller has answered the question themselves.</summary>
    public sealed record GuessAboutMeDto(Guid Id, string? Text, DateTimeOffset GuessedAt, string? Mark, string? Note, bool CanCompare);

    public sealed record TheirAnswerDto(string? Text, DateTimeOffset AnsweredAt, bool MayHaveChanged);

    public sealed record MapQuestionDto(string Id, string Text, MyAnswerDto? Mine, MyGuessDto? MyGuess, GuessAboutMeDto? GuessAboutMe,
        TheirAnswerDto? TheirAnswer, bool TheirAnswerAwaitsTrust);

    public sealed record AreaSummaryDto(bool Explored, int Answered, int MayHaveChanged, int Guessed, int GuessedAboutMe,
        int SpotOn, int Close, int NotQuite, string Description);

    public sealed record MapAreaDto(string Id, string Name, bool Tender, AreaSummaryDto Summary, IReadOnlyList<MapQuestionDto> Questions);

    public sealed record MapDto(bool TrustConfirmed, QuestionDto QuestionOfTheDay, IReadOnlyList<MapAreaDto> Areas);

    /// <summary>"shared" may be left out: the answer then stays with its writer (private by default).</summary>
    public sealed record AnswerRequest(string? Question, string? Text, bool? Shared);

    public sealed record GuessRequest(string? Question, string? Text);

    /// <summary>"mark" is "spot_on", "close" or "not_quite"; "note" is what the caller would add (optional).</summary>
    public sealed record CompareRequest(string? Mark, string? Note);

    public sealed record SavedDto(Guid Id, string Question);

    public static RouteGroupBuilder MapPartnerMapApi(this RouteGroupBuilder api)
    {
        api.MapGet("/map/questions", (IStringLocalizer<PartnerMapText> text) =>
                TypedResults.Ok(QuestionBank.Areas.Select(a => new AreaDto(a.Id, text[a.NameKey], a.Tender,
                    a.Questions.Select(q => ToDto(q, text)).ToList())).ToList()))
            .WithTags("Partner map").WithName("ListMapQuestions")
            .WithSummary("The question bank of the partner map: the ten areas, whether each is tender, and their questions in the caller's language.");

        var map = api.MapGroup("/spaces/{bondId:guid}/map").WithTags("Partner map");

        map.MapGet("/", async Task<Results<Ok<MapDto>, NotFound>> (Guid bondId, HttpContext http, SpaceAccessor spaces, MapQueries queries,
                QuestionOfTheDay daily, IStringLocalizer<PartnerMapText> text, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
                    return TypedResults.NotFound();
                var view = await queries.LoadAsync(bondId, personId, withTexts: true, ct: ct);
                var today = await daily.ForTodayAsync(bondId, personId, ct);
                var summaries = view.Summaries.ToDictionary(s => s.Area.Id);
                return TypedResults.Ok(new MapDto(view.TrustConfirmed, ToDto(today, text), QuestionBank.Areas.Select(area =>
                {
                    var s = summaries[area.Id];
                    return new MapAreaDto(area.Id, text[area.NameKey], area.Tender,
                        new AreaSummaryDto(s.Explored, s.Answered, s.MayHaveChanged, s.Guessed, s.GuessedAboutMe, s.SpotOn, s.Close, s.NotQuite,
                            text[s.DescriptionKey]),
                        view.InArea(area).Select(q => ToDto(q, text)).ToList());
                }).ToList()));
            })
            .WithName("GetPartnerMap")
            .WithSummary("The caller's partner map in a space: their answers, their guesses and how they were compared, the other's guesses "
                + "about them, the other's shared answers (once the trust screen is confirmed), summaries per area and today's question; 404 if not a member.");

        map.MapPost("/answers", async Task<Results<Created<SavedDto>, Ok<SavedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, AnswerRequest request, HttpContext http, MapWriter writer, CancellationToken ct) =>
            {
                var (saved, problem) = await writer.SaveSelfAsync(bondId, http.User.PersonId(), request.Question, request.Text, request.Shared, ct);
                return Saved(bondId, request.Question, saved, problem);
            })
            .WithName("AnswerMapQuestion")
            .WithSummary("Saves the caller's own answer to a question (201 new, 200 rewritten, which renews its date). "
                + "Without \"shared\", the answer stays private (private by default); a private answer is never shown to the other person.");

        map.MapPost("/guesses", async Task<Results<Created<SavedDto>, Ok<SavedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, GuessRequest request, HttpContext http, MapWriter writer, CancellationToken ct) =>
            {
                var (saved, problem) = await writer.SaveGuessAsync(bondId, http.User.PersonId(), request.Question, request.Text, ct);
                return Saved(bondId, request.Question, saved, problem);
            })
            .WithName("GuessMapQuestion")
            .WithSummary("Saves the caller's guess at how the other member would answer (201 new, 200 changed; a changed guess is compared afresh). "
                + "409 (no_one_to_guess_about) while the caller is alone in the space.");

        map.MapPost("/guesses/{guessId:guid}/compare", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid guessId, CompareRequest request, HttpContext http, MapWriter writer, CancellationToken ct) =>
            {
                var problem = await writer.CompareAsync(bondId, http.User.PersonId(), guessId, request.Mark, request.Note, ct);
                return problem switch
                {
                    null => TypedResults.NoContent(),
                    MapProblem.NotFound => TypedResults.NotFound(),
                    _ => Problem(problem.Value),
                };
            })
            .WithName("CompareMapGuess")
            .WithSummary("The person a guess is about marks it spot_on, close or not_quite with an optional note; 404 for anyone else's guess, "
                + "409 (answer_yourself_first) until they have answered the question themselves.");

        map.MapDelete("/answers/{answerId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid answerId, HttpContext http, MapTakeBack takeBack, CancellationToken ct) =>
                await takeBack.AnswerAsync(bondId, answerId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackMapAnswer")
            .WithSummary("The writer takes back their own answer to a question: it is deleted. 204; 404 for anyone else's or one already gone.");

        map.MapDelete("/guesses/{guessId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid guessId, HttpContext http, MapTakeBack takeBack, CancellationToken ct) =>
                await takeBack.GuessAsync(bondId, guessId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackMapGuess")
            .WithSummary("The guesser takes back their guess: it is deleted, with the other's mark and note on it. 204; 404 for anyone else.");

        map.MapPost("/trust", async Task<Results<NoContent, NotFound>> (Guid bondId, HttpContext http, MapWriter writer, CancellationToken ct) =>
                await writer.ConfirmTrustAsync(bondId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("ConfirmMapTrust")
            .WithSummary("Confirms, once, that what the caller learns from the other's answers is for support and never ammunition; "
                + "the other's shared answers are given only after this. Safe to repeat.");

        return api;
    }

    private static Results<Created<SavedDto>, Ok<SavedDto>, NotFound, ProblemHttpResult> Saved(Guid bondId, string? question, MapSaved? saved, MapProblem? problem)
    {
        if (saved is not null)
        {
            var dto = new SavedDto(saved.Id, question!);
            return saved.Created ? TypedResults.Created($"/api/v1/spaces/{bondId}/map", dto) : TypedResults.Ok(dto);
        }
        return problem switch
        {
            MapProblem.NotFound => TypedResults.NotFound(),
            _ => Problem(problem!.Value),
        };
    }

    private static QuestionDto ToDto(MapQuestion q, IStringLocalizer text) => new(q.Id, q.Area.Id, q.Area.Tender, text[q.TextKey]);

    private static MapQuestionDto ToDto(QuestionState s, IStringLocalizer text) => new(s.Question.Id, text[s.Question.TextKey],
        s.Mine is { } m ? new MyAnswerDto(m.Id, m.Text, m.Shared, m.AnsweredAt, m.MayHaveChanged) : null,
        s.MyGuess is { } g ? new MyGuessDto(g.Id, g.Text, g.GuessedAt, g.Mark, g.Note, g.ComparedAt) : null,
        s.TheirGuess is { } t ? new GuessAboutMeDto(t.Id, t.Text, t.GuessedAt, t.Mark, t.Note, t.CanCompare) : null,
        s.TheirAnswer is { } o ? new TheirAnswerDto(o.Text, o.AnsweredAt, o.MayHaveChanged) : null,
        s.TheirAnswerAwaitsTrust);

    private static ProblemHttpResult Problem(MapProblem problem) => ApiProblem.For(problem, Detail(problem));

    private static string Detail(MapProblem problem) => problem switch
    {
        MapProblem.UnknownQuestion => "'question' isn't a question id of the partner map (see GET /api/v1/map/questions).",
        MapProblem.TextEmpty => "'text' is empty.",
        MapProblem.TextTooLong => $"'text' is longer than {MapWriter.TextMaxLength} characters.",
        MapProblem.TextHasControlCharacters => "'text' contains a control character (such as a null byte).",
        MapProblem.NoOneToGuessAbout => "There is no one else in this space to guess about yet; guesses are always about the other person.",
        MapProblem.UnknownMark => "'mark' must be \"spot_on\", \"close\" or \"not_quite\".",
        MapProblem.NoteTooLong => $"'note' is longer than {MapWriter.NoteMaxLength} characters.",
        MapProblem.NoteHasControlCharacters => "'note' contains a control character (such as a null byte).",
        MapProblem.AnswerYourselfFirst => "Answer this question about yourself first; then you can compare the guess with your own answer.",
        _ => problem.ToString(),
    };
}
