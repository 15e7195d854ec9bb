using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Appreciations;

/// <summary>
/// Appreciations and backing statements over HTTP, through the same handlers as the pages (AppreciationWriter,
/// BackingStatementWriter, AppreciationQueries). Responses never carry the other person's id; anything outside
/// the caller's own space, or a statement that is not theirs, answers 404.
/// </summary>
public static class AppreciationsApi
{
    /// <summary>"appreciate" or "admire".</summary>
    public sealed record AppreciationRequest(string? Kind, string? Words);

    public sealed record AppreciationDto(Guid Id, string Kind, string Words, DateTimeOffset SentAt, string OtherName);

    public sealed record AppreciationListDto(IReadOnlyList<AppreciationDto> Items, bool HasOlder);

    public sealed record PromptDto(int Index, int Next, string Text);

    public sealed record StatementRequest(string? Words);

    public sealed record MyStatementDto(Guid Id, string Words, bool Retired, DateTimeOffset UpdatedAt);

    public sealed record BackingDto(IReadOnlyList<MyStatementDto> Mine, string? OtherName, IReadOnlyList<string> Theirs);

    /// <summary>"up" or "down".</summary>
    public sealed record MoveRequest(string? Direction);

    public sealed record CreatedDto(Guid Id);

    public static RouteGroupBuilder MapAppreciationsApi(this RouteGroupBuilder api)
    {
        var appreciations = api.MapGroup("/spaces/{bondId:guid}/appreciations").WithTags("Appreciations");

        appreciations.MapGet("/", async Task<Results<Ok<AppreciationListDto>, NotFound>> (
                Guid bondId, int? page, HttpContext http, SpaceAccessor spaces, AppreciationQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
                    return TypedResults.NotFound();
                return TypedResults.Ok(ToDto(await queries.ReceivedAsync(bondId, personId, Math.Max(0, page ?? 0), ct)));
            })
            .WithName("ListReceivedAppreciations")
            .WithSummary($"Appreciations the caller received in a space, newest first, {AppreciationQueries.PageSize} a page (page 0 is the newest); 404 if not a member.");

        appreciations.MapGet("/sent", async Task<Results<Ok<AppreciationListDto>, NotFound>> (
                Guid bondId, int? page, HttpContext http, SpaceAccessor spaces, AppreciationQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
                    return TypedResults.NotFound();
                return TypedResults.Ok(ToDto(await queries.SentAsync(bondId, personId, Math.Max(0, page ?? 0), ct)));
            })
            .WithName("ListSentAppreciations")
            .WithSummary("Appreciations the caller sent in a space, newest first; 404 if not a member.");

        appreciations.MapGet("/prompt", async Task<Results<Ok<PromptDto>, NotFound>> (
                Guid bondId, int? index, HttpContext http, SpaceAccessor spaces, AppreciationQueries queries,
                IStringLocalizer<AppreciationsText> text, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
                    return TypedResults.NotFound();
                var current = AppreciationPrompts.Current(index, await queries.SentCountAsync(bondId, personId, ct));
                var name = bond.OtherName ?? text["TheOtherPerson"];
                return TypedResults.Ok(new PromptDto(current, AppreciationPrompts.Next(current), text[AppreciationPrompts.TextKey(current), name]));
            })
            .WithName("GetAppreciationPrompt")
            .WithSummary("A gentle prompt for someone who is stuck; pass 'next' back as 'index' for another. Without 'index' the prompt follows the caller's own rotation.");

        appreciations.MapPost("/", async Task<Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, AppreciationRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                HttpContext http, AppreciationWriter writer, CancellationToken ct) =>
            {
                var submissionId = Guid.Empty;
                if (!string.IsNullOrEmpty(idempotencyKey) && (!Guid.TryParse(idempotencyKey, out submissionId) || submissionId == Guid.Empty))
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "bad_idempotency_key", "The Idempotency-Key header must be a GUID.");
                var (sent, problem) = await writer.SendAsync(bondId, http.User.PersonId(), request.Kind, request.Words, submissionId, ct);
                var location = $"/api/v1/spaces/{bondId}/appreciations/sent";
                return (sent, problem) switch
                {
                    ({ Replayed: true } s, _) => TypedResults.Ok(new CreatedDto(s.Id)),
                    ({ } s, _) => TypedResults.Created(location, new CreatedDto(s.Id)),
                    (_, AppreciationProblem.NotFound) => TypedResults.NotFound(),
                    (_, AppreciationProblem.SubmissionIdUsed) => ApiProblem.For(Refusal.StatusOf(AppreciationProblem.SubmissionIdUsed),
                        "idempotency_key_used", "That Idempotency-Key was already used for something else."),
                    (_, { } p) => ApiProblem.For(p, Detail(p)),
                    _ => throw new InvalidOperationException("A send neither saved nor failed."),
                };
            })
            .WithName("SendAppreciation")
            .WithSummary($"Sends the other member a note (kind \"appreciate\" or \"admire\", words up to {AppreciationWriter.WordsMaxLength} characters). "
                + "201 when sent; an Idempotency-Key header (a GUID) makes retries safe: a repeat answers 200 with the same id.");

        appreciations.MapDelete("/{appreciationId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid appreciationId, HttpContext http, AppreciationWriter writer, CancellationToken ct) =>
                await writer.TakeBackAsync(bondId, appreciationId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackAppreciation")
            .WithSummary("Takes back an appreciation the caller sent: it is deleted and leaves the other member's pages. 204; 404 for anyone else's.");

        var backing = api.MapGroup("/spaces/{bondId:guid}/backing").WithTags("Backing statements");

        backing.MapGet("/", async Task<Results<Ok<BackingDto>, NotFound>> (
                Guid bondId, HttpContext http, SpaceAccessor spaces, AppreciationQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
                    return TypedResults.NotFound();
                var mine = await queries.MyStatementsAsync(bondId, personId, ct);
                var theirs = bond.OtherName is null ? [] : await queries.TheirStatementsAsync(bondId, personId, ct);
                return TypedResults.Ok(new BackingDto(
                    mine.Select(s => new MyStatementDto(s.Id, s.Words, s.Retired, s.UpdatedAt)).ToList(),
                    bond.OtherName, theirs.Select(s => s.Words).ToList()));
            })
            .WithName("GetBackingStatements")
            .WithSummary("The caller's own \"you have my back when you …\" statements (active in order, then retired) and the other member's active ones.");

        backing.MapPost("/", async Task<Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, StatementRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
                HttpContext http, BackingStatementWriter writer, CancellationToken ct) =>
            {
                var submissionId = Guid.Empty;
                if (!string.IsNullOrEmpty(idempotencyKey) && (!Guid.TryParse(idempotencyKey, out submissionId) || submissionId == Guid.Empty))
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "bad_idempotency_key", "The Idempotency-Key header must be a GUID.");
                var (saved, problem) = await writer.AddAsync(bondId, http.User.PersonId(), request.Words, submissionId, ct);
                return (saved, problem) switch
                {
                    ({ Replayed: true } s, _) => TypedResults.Ok(new CreatedDto(s.Id)),
                    ({ } s, _) => TypedResults.Created($"/api/v1/spaces/{bondId}/backing", new CreatedDto(s.Id)),
                    (_, { } p) => Result(p),
                    _ => throw new InvalidOperationException("An add neither saved nor failed."),
                };
            })
            .WithName("AddBackingStatement")
            .WithSummary($"Adds a statement completing \"I know you have my back when you …\" (up to {BackingStatementWriter.WordsMaxLength} characters, "
                + $"at most {BackingStatementWriter.MaxActive} active). An Idempotency-Key header (a GUID) makes retries safe.");

        backing.MapPut("/{statementId:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid statementId, StatementRequest request, HttpContext http, BackingStatementWriter writer, CancellationToken ct) =>
                Change(await writer.EditAsync(bondId, statementId, http.User.PersonId(), request.Words, ct)))
            .WithName("EditBackingStatement")
            .WithSummary("Rewords one of the caller's own statements; 404 for anyone else's.");

        backing.MapDelete("/{statementId:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid statementId, HttpContext http, BackingStatementWriter writer, CancellationToken ct) =>
                Change(await writer.TakeBackAsync(bondId, statementId, http.User.PersonId(), ct)))
            .WithName("TakeBackBackingStatement")
            .WithSummary("Takes back one of the caller's own statements: it is deleted and leaves the other member's pages. 204; 404 for anyone else's.");

        backing.MapPost("/{statementId:guid}/retire", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid statementId, HttpContext http, BackingStatementWriter writer, CancellationToken ct) =>
                Change(await writer.RetireAsync(bondId, statementId, http.User.PersonId(), ct)))
            .WithName("RetireBackingStatement")
            .WithSummary("Retires one of the caller's own statements: kept for them, no longer shown to the other member.");

        backing.MapPost("/{statementId:guid}/restore", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid statementId, HttpContext http, BackingStatementWriter writer, CancellationToken ct) =>
                Change(await writer.RestoreAsync(bondId, statementId, http.User.PersonId(), ct)))
            .WithName("RestoreBackingStatement")
            .WithSummary("Brings a retired statement back, at the end of the list; 409 (too_many) when the list is full.");

        backing.MapPost("/{statementId:guid}/move", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid statementId, MoveRequest request, HttpContext http, BackingStatementWriter writer, CancellationToken ct) =>
                Change(await writer.MoveAsync(bondId, statementId, http.User.PersonId(), request.Direction, ct)))
            .WithName("MoveBackingStatement")
            .WithSummary("Moves one of the caller's active statements one place \"up\" or \"down\".");

        return api;
    }

    private static Results<NoContent, NotFound, ProblemHttpResult> Change(BackingProblem? problem) => problem switch
    {
        null => TypedResults.NoContent(),
        BackingProblem.NotFound => TypedResults.NotFound(),
        { } p => ApiProblem.For(p, Detail(p)),
    };

    private static Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult> Result(BackingProblem problem) => problem switch
    {
        BackingProblem.NotFound => TypedResults.NotFound(),
        _ => ApiProblem.For(problem, Detail(problem)),
    };

    private static AppreciationListDto ToDto(AppreciationPage page) =>
        new(page.Items.Select(a => new AppreciationDto(a.Id, a.Kind, a.Words, a.SentAt, a.OtherName)).ToList(), page.HasOlder);

    private static string Detail(AppreciationProblem problem) => problem switch
    {
        AppreciationProblem.NoOneToReceive => "Nobody else is in this space to receive an appreciation right now.",
        AppreciationProblem.UnknownKind => "'kind' must be \"appreciate\" or \"admire\".",
        AppreciationProblem.WordsMissing => "'words' is empty.",
        AppreciationProblem.WordsTooLong => $"'words' is longer than {AppreciationWriter.WordsMaxLength} characters.",
        AppreciationProblem.WordsHaveControlCharacters => "'words' contains a control character (such as a null byte).",
        _ => problem.ToString(),
    };

    private static string Detail(BackingProblem problem) => problem switch
    {
        BackingProblem.SpaceClosed => "The other member has left this space, so nothing new can be added.",
        BackingProblem.WordsMissing => "'words' is empty.",
        BackingProblem.WordsTooLong => $"'words' is longer than {BackingStatementWriter.WordsMaxLength} characters.",
        BackingProblem.WordsHaveControlCharacters => "'words' contains a control character (such as a null byte).",
        BackingProblem.TooMany => $"At most {BackingStatementWriter.MaxActive} statements can be active; retire one first.",
        BackingProblem.UnknownDirection => "'direction' must be \"up\" or \"down\".",
        BackingProblem.SubmissionIdUsed => "That Idempotency-Key was already used for something else.",
        _ => problem.ToString(),
    };
}
