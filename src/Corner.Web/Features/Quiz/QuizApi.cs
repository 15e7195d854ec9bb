using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.Quiz;

/// <summary>
/// The strengths quiz over HTTP, through the same handler as the pages (QuizRounds). Before both members
/// have finished, a caller sees only their own answers and whether they themselves finished; a round's
/// result answers 404 until it is revealed. Anything outside the caller's space answers 404.
/// </summary>
public static class QuizApi
{
    public sealed record StatementDto(string Id, string Dimension, string Text);

    public sealed record MyRoundDto(int Number, IReadOnlyDictionary<string, int> Answers, int Answered, int Total, bool Finished);

    public sealed record DimensionDto(string Dimension, string Name, double Lower, double Higher, string Kind, string? PracticePath);

    public sealed record ResultDto(Guid Id, int Round, DateTimeOffset RevealedAt, string Headline, string HeadlineName, IReadOnlyList<DimensionDto> Dimensions);

    public sealed record QuizDto(IReadOnlyList<StatementDto> Statements, MyRoundDto? InProgress, IReadOnlyList<ResultDto> Results, bool RetakeSuggested);

    /// <summary>Answers by statement id, each 1 ("not like us") to 5 ("very like us").</summary>
    public sealed record AnswersRequest(Dictionary<string, int>? Answers, bool Finish);

    public sealed record CarryRequest(string? Blob);

    public sealed record SavedDto(bool Finished, bool Revealed);

    public static RouteGroupBuilder MapQuizApi(this RouteGroupBuilder api)
    {
        var quiz = api.MapGroup("/spaces/{bondId:guid}/quiz").WithTags("Quiz");

        quiz.MapGet("/", async Task<Results<Ok<QuizDto>, NotFound>> (
                Guid bondId, HttpContext http, QuizRounds rounds, QuizBank bank, Microsoft.Extensions.Localization.IStringLocalizer<QuizText> text, CancellationToken ct) =>
            {
                if (await rounds.StateAsync(bondId, http.User.PersonId(), ct) is not { } state)
                    return TypedResults.NotFound();
                var statements = bank.Dimensions.SelectMany(d => d.Statements.Select(s => new StatementDto(s, d.Key, text[QuizBank.StatementKey(s)]))).ToList();
                var mine = state.InProgress is { } p ? new MyRoundDto(p.Number, p.Answers, p.Answers.Count, bank.StatementCount, p.Finished) : null;
                return TypedResults.Ok(new QuizDto(statements, mine, state.Revealed.Select(r => ToDto(bondId, r, text)).ToList(), state.RetakeSuggested));
            })
            .WithName("GetQuiz")
            .WithSummary("The statements, the caller's own round in progress (their answers only) and every revealed result, oldest first.");

        quiz.MapGet("/rounds/{roundId:guid}", async Task<Results<Ok<ResultDto>, NotFound>> (
                Guid bondId, Guid roundId, HttpContext http, QuizRounds rounds, Microsoft.Extensions.Localization.IStringLocalizer<QuizText> text, CancellationToken ct) =>
            {
                var state = await rounds.StateAsync(bondId, http.User.PersonId(), ct);
                return state?.Revealed.FirstOrDefault(r => r.RoundId == roundId) is { } round
                    ? TypedResults.Ok(ToDto(bondId, round, text))
                    : TypedResults.NotFound();
            })
            .WithName("GetQuizResult")
            .WithSummary("One round's combined result; 404 until both members have finished it.");

        quiz.MapPut("/answers", async Task<Results<Ok<SavedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, AnswersRequest request, HttpContext http, QuizRounds rounds, CancellationToken ct) =>
                Result(await rounds.AnswerAsync(bondId, http.User.PersonId(), request.Answers ?? [], request.Finish, ct)))
            .WithName("AnswerQuiz")
            .WithSummary("Saves some or all of the caller's answers to the round in progress (starting one if needed); with finish=true, "
                + "also finishes (every statement needs an answer). Revealed is true when this finish was the second.");

        quiz.MapPost("/carry", async Task<Results<Ok<SavedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, CarryRequest request, HttpContext http, QuizRounds rounds, CancellationToken ct) =>
                Result(await rounds.CarryAsync(bondId, http.User.PersonId(), request.Blob, ct)))
            .WithName("CarryQuizAnswers")
            .WithSummary("Brings answers kept in a browser before signing up ({\"v\":1,\"answers\":{…}} as a string) into the round in progress.");

        return api;
    }

    private static Results<Ok<SavedDto>, NotFound, ProblemHttpResult> Result((QuizSaved? Saved, QuizProblem? Problem) outcome) => outcome switch
    {
        ({ } s, _) => TypedResults.Ok(new SavedDto(s.Finished, s.Revealed)),
        (_, QuizProblem.NotFound) => TypedResults.NotFound(),
        (_, { } p) => ApiProblem.For(p, Detail(p)),
        _ => throw new InvalidOperationException("An answer neither saved nor failed."),
    };

    private static string Detail(QuizProblem problem) => problem switch
    {
        QuizProblem.AlreadyFinished => "You have already finished this round.",
        QuizProblem.OutOfRange => "Every answer must be a whole number from 1 to 5.",
        QuizProblem.UnknownStatement => "An answer names a statement this quiz doesn't have.",
        QuizProblem.NotAllAnswered => "Every statement needs an answer before finishing; what was sent is saved.",
        QuizProblem.BlobMalformed => "The carried answers are not in the form the quiz page writes.",
        QuizProblem.NothingToCarry => "The carried answers are empty.",
        _ => problem.ToString(),
    };

    private static ResultDto ToDto(Guid bondId, RevealedRound round, Microsoft.Extensions.Localization.IStringLocalizer<QuizText> text) =>
        new(round.RoundId, round.Number, round.RevealedAt, round.Result.Headline, text[$"Dimension_{round.Result.Headline}"],
            round.Result.Dimensions.Select(d => new DimensionDto(d.Dimension, text[$"Dimension_{d.Dimension}"], d.Lower, d.Higher,
                d.Kind.ToString(), d.Kind == DimensionKind.GrowingEdge ? QuizDisplay.PracticePath(bondId, d.Dimension) : null)).ToList());

}
