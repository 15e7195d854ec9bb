using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.Moments;

/// <summary>
/// Moments over HTTP, through the same handlers as the pages. Creates take a client-chosen "submissionId":
/// sending the same one again answers 200 with the first one's id instead of making a second.
/// Responses name people, never carry their ids.
/// </summary>
public static class MomentsApi
{
    public sealed record MomentRequest(Guid SubmissionId, Guid? AskId, string? Situation, string? Noticed, string? Sided, string? Action);

    /// <summary>"yes", "partly" or "not_really", and optionally what more could have helped.</summary>
    public sealed record AnswerRequest(string? Answer, string? More);

    public sealed record WordsRequest(string? Words);

    /// <summary>"date" is a local date in the asker's own time zone, today or later.</summary>
    public sealed record AskRequest(Guid SubmissionId, DateOnly? Date, string? Situation, string? Help);

    /// <summary>"side" is "wish_you_had" or "should_have"; reasons from "stress", "assumed_fine", "avoided_conflict", "feeling_not_action".</summary>
    public sealed record MissedRequest(Guid SubmissionId, string? Side, string? What, string[]? Reasons, string? Reflection);

    public sealed record NudgesRequest(bool Enabled);

    public sealed record CreatedDto(Guid Id);

    public sealed record MomentDto(Guid Id, bool Mine, string SupporterName, string BackedName, Guid? AskId, string Situation,
        string? Noticed, string? Sided, string? Action, DateTimeOffset RecordedAt, string? Answer, string? More,
        DateTimeOffset? AnsweredAt, string? Reinforce, DateTimeOffset? ReinforcedAt);

    public sealed record AskDto(Guid Id, bool Mine, string AskerName, DateOnly Date, string Situation, string? Help,
        DateTimeOffset CreatedAt, Guid? MomentId);

    public sealed record MissedDto(Guid Id, bool Mine, string AuthorName, string Side, string What, IReadOnlyList<string> Reasons,
        string? Reflection, DateTimeOffset CreatedAt, string? Response, bool RepairedByMe, bool RepairedByThem, bool Repaired);

    public sealed record TimelineDto(string Kind, DateTimeOffset At, MomentDto? Moment, AskDto? Ask, MissedDto? Missed);

    public sealed record SummaryDto(string Month, int MomentsRecorded, int CheckInsAnswered, int AnsweredYes, int AsksMade, int RepairsMade, int MissedStillOpen);

    public sealed record NudgesDto(bool Enabled);

    public static RouteGroupBuilder MapMomentsApi(this RouteGroupBuilder api)
    {
        var spaces = api.MapGroup("/spaces/{bondId:guid}").WithTags("Moments");

        spaces.MapGet("/moments", async Task<Results<Ok<List<TimelineDto>>, NotFound, ProblemHttpResult>> (
                Guid bondId, string? show, HttpContext http, MomentQueries queries, CancellationToken ct) =>
            {
                var filter = show ?? "all";
                if (!MomentQueries.Filters.Contains(filter))
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "unknown_filter", "'show' must be all, moments, asks or missed.");
                var timeline = await queries.TimelineAsync(bondId, http.User.PersonId(), filter, ct: ct);
                return timeline is null ? TypedResults.NotFound() : TypedResults.Ok(timeline.Select(ToDto).ToList());
            })
            .WithName("ListMoments").WithSummary("The space's timeline of moments, asks and missed moments, newest first (at most 200); 'show' filters by kind.");

        spaces.MapGet("/moments/summary", async Task<Results<Ok<SummaryDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, string? month, HttpContext http, MomentQueries queries, PersonalDay day, MomentMonth months, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                var today = await day.TodayAsync(personId, ct);
                if (!MomentMonth.TryParseMonth(month, today, out var first))
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "invalid_month", "'month' must look like 2026-05 and not be in the future.");
                if (!await queries.CanSeeAsync(bondId, personId, ct))
                    return TypedResults.NotFound();
                var (from, to) = await months.SpanAsync(personId, first, ct);
                var s = await queries.SummaryAsync(bondId, from, to, ct);
                return TypedResults.Ok(new SummaryDto(first.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
                    s.MomentsRecorded, s.Answered, s.AnsweredYes, s.AsksMade, s.RepairsMade, s.MissedStillOpen));
            })
            .WithName("MomentsSummary").WithSummary("A gentle summary of one month (default this one) in the caller's time zone: counts for the two of you together.");

        spaces.MapPost("/moments", async Task<Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, MomentRequest request, HttpContext http, MomentWriter writer, CancellationToken ct) =>
            {
                var (created, problems) = await writer.RecordAsync(bondId, http.User.PersonId(),
                    new MomentInput(request.SubmissionId, request.AskId, request.Situation, request.Noticed, request.Sided, request.Action), ct);
                return CreatedResult(created, problems, $"/api/v1/spaces/{bondId}/moments/");
            })
            .WithName("RecordMoment").WithSummary("The supporter records a moment: a few words on the situation and steps 1-3 (at least one). Optionally answers an ask of the other's whose day has come.");

        spaces.MapGet("/moments/{momentId:guid}", async Task<Results<Ok<MomentDto>, NotFound>> (
                Guid bondId, Guid momentId, HttpContext http, MomentQueries queries, CancellationToken ct) =>
                await queries.FindMomentAsync(bondId, momentId, http.User.PersonId(), ct) is { } m ? TypedResults.Ok(ToDto(m)) : TypedResults.NotFound())
            .WithName("GetMoment").WithSummary("One moment with all five steps.");

        spaces.MapDelete("/moments/{momentId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid momentId, HttpContext http, MomentsTakeBack takeBack, CancellationToken ct) =>
                await takeBack.MomentAsync(bondId, momentId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackMoment").WithSummary("The supporter takes back a moment they recorded: it is deleted, with the other's answer to it. 204; 404 for anyone else.");

        spaces.MapDelete("/asks/{askId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid askId, HttpContext http, MomentsTakeBack takeBack, CancellationToken ct) =>
                await takeBack.AskAsync(bondId, askId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackAsk").WithSummary("The asker takes back an ask: it is deleted; a moment recorded for it stays the supporter's. 204; 404 for anyone else.");

        spaces.MapDelete("/missed-moments/{missedId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid missedId, HttpContext http, MomentsTakeBack takeBack, CancellationToken ct) =>
                await takeBack.MissedAsync(bondId, missedId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackMissedMoment").WithSummary("The writer takes back a missed moment: it is deleted, with the other's response to it. 204; 404 for anyone else.");

        spaces.MapPost("/moments/{momentId:guid}/answer", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid momentId, AnswerRequest request, HttpContext http, MomentWriter writer, CancellationToken ct) =>
                Done(await writer.AnswerAsync(bondId, momentId, http.User.PersonId(), request.Answer, request.More, ct)))
            .WithName("AnswerMoment").WithSummary("Step 4, only by the backed person: did that help (yes / partly / not_really), and what more could have helped. 404 for anyone else.");

        spaces.MapPost("/moments/{momentId:guid}/reinforce", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid momentId, WordsRequest request, HttpContext http, MomentWriter writer, CancellationToken ct) =>
                Done(await writer.ReinforceAsync(bondId, momentId, http.User.PersonId(), request.Words, ct)))
            .WithName("ReinforceMoment").WithSummary("Step 5, only by the supporter: the closing word the backed person sees. 404 for anyone else.");

        spaces.MapPost("/asks", async Task<Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, AskRequest request, HttpContext http, BackingAskWriter writer, CancellationToken ct) =>
            {
                var (created, problems) = await writer.AskAsync(bondId, http.User.PersonId(),
                    new AskInput(request.SubmissionId, request.Date, request.Situation, request.Help), ct);
                return CreatedResult(created, problems, $"/api/v1/spaces/{bondId}/asks/");
            })
            .WithName("AskForBacking").WithSummary("Ask the other member to have your back on a day (your local date, today or later).");

        spaces.MapGet("/asks/{askId:guid}", async Task<Results<Ok<AskDto>, NotFound>> (
                Guid bondId, Guid askId, HttpContext http, MomentQueries queries, CancellationToken ct) =>
                await queries.FindAskAsync(bondId, askId, http.User.PersonId(), ct) is { } a ? TypedResults.Ok(ToDto(a)) : TypedResults.NotFound())
            .WithName("GetAsk").WithSummary("One ask for backing, with the moment that answered it if there is one.");

        spaces.MapPost("/missed-moments", async Task<Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, MissedRequest request, HttpContext http, MissedMomentWriter writer, CancellationToken ct) =>
            {
                var (created, problems) = await writer.WriteAsync(bondId, http.User.PersonId(),
                    new MissedMomentInput(request.SubmissionId, request.Side, request.What, request.Reasons ?? [], request.Reflection), ct);
                return CreatedResult(created, problems, $"/api/v1/spaces/{bondId}/missed-moments/");
            })
            .WithName("WriteMissedMoment").WithSummary("Write a missed moment from either side, with optional reasons and reflection.");

        spaces.MapGet("/missed-moments/{missedId:guid}", async Task<Results<Ok<MissedDto>, NotFound>> (
                Guid bondId, Guid missedId, HttpContext http, MomentQueries queries, CancellationToken ct) =>
                await queries.FindMissedAsync(bondId, missedId, http.User.PersonId(), ct) is { } m ? TypedResults.Ok(ToDto(m)) : TypedResults.NotFound())
            .WithName("GetMissedMoment").WithSummary("One missed moment, its response and both repair marks.");

        spaces.MapPost("/missed-moments/{missedId:guid}/response", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid missedId, WordsRequest request, HttpContext http, MissedMomentWriter writer, CancellationToken ct) =>
                Done(await writer.RespondAsync(bondId, missedId, http.User.PersonId(), request.Words, ct)))
            .WithName("RespondToMissedMoment").WithSummary("The other member responds to a missed moment, once. 404 for its writer.");

        spaces.MapPost("/missed-moments/{missedId:guid}/repaired", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid missedId, HttpContext http, MissedMomentWriter writer, CancellationToken ct) =>
                Done(await writer.MarkRepairedAsync(bondId, missedId, http.User.PersonId(), ct)))
            .WithName("MarkMissedMomentRepaired").WithSummary("Mark a missed moment repaired from your side (after the response); it is repaired when both have.");

        var nudges = api.MapGroup("/moments/nudges").WithTags("Moments");
        nudges.MapGet("/", async (HttpContext http, MomentNudges n, CancellationToken ct) =>
                TypedResults.Ok(new NudgesDto(await n.IsEnabledAsync(http.User.PersonId(), ct))))
            .WithName("GetMomentNudges").WithSummary("Whether the caller gets an email when something in Moments waits on them (off unless turned on).");
        nudges.MapPut("/", async (NudgesRequest request, HttpContext http, MomentNudges n, CancellationToken ct) =>
            {
                await n.SetEnabledAsync(http.User.PersonId(), request.Enabled, ct);
                return TypedResults.Ok(new NudgesDto(request.Enabled));
            })
            .WithName("PutMomentNudges").WithSummary("Turns the caller's Moments email nudges on or off.");

        return api;
    }

    private static Results<Created<CreatedDto>, Ok<CreatedDto>, NotFound, ProblemHttpResult> CreatedResult(
        Created? created, IReadOnlyList<MomentProblem> problems, string location)
    {
        if (created is not null)
            return created.IsNew ? TypedResults.Created(location + created.Id, new CreatedDto(created.Id)) : TypedResults.Ok(new CreatedDto(created.Id));
        if (problems.Contains(MomentProblem.NotFound))
            return TypedResults.NotFound();
        var first = problems[0];
        return ApiProblem.ForAll(first, problems, Detail(first));
    }

    private static Results<NoContent, NotFound, ProblemHttpResult> Done(MomentProblem? problem) => problem switch
    {
        null => TypedResults.NoContent(),
        MomentProblem.NotFound => TypedResults.NotFound(),
        { } p => ApiProblem.For(p, Detail(p)),
    };

    private static string Detail(MomentProblem p) => p switch
    {
        MomentProblem.SubmissionMissing => "'submissionId' must be a non-empty id you choose, the same one when you retry.",
        MomentProblem.OtherNotHere => "The other person isn't in this space right now.",
        MomentProblem.SituationMissing => "Say in a few words what the situation was.",
        MomentProblem.SituationTooLong => $"The situation is longer than {MomentTextRules.SituationMaxLength} characters.",
        MomentProblem.TextTooLong => "A text is longer than allowed.",
        MomentProblem.ControlCharacters => "A text contains a control character (such as a null byte).",
        MomentProblem.NoStepWritten => "Write at least one of 'noticed', 'sided' or 'action'.",
        MomentProblem.AskNotDueYet => "The day of that ask hasn't come yet.",
        MomentProblem.AskAlreadyRecorded => "A moment has already been recorded for that ask.",
        MomentProblem.UnknownAnswer => "'answer' must be \"yes\", \"partly\" or \"not_really\".",
        MomentProblem.AlreadyAnswered => "This moment already has an answer.",
        MomentProblem.ReinforceMissing => "'words' must not be empty.",
        MomentProblem.AlreadyReinforced => "The closing word for this moment has already been sent.",
        MomentProblem.DateMissing => "'date' is required.",
        MomentProblem.DateInPast => "That day has already passed where you are; pick today or a later day.",
        MomentProblem.DateTooFar => $"Pick a day within {BackingAskWriter.MaxDaysAhead} days.",
        MomentProblem.UnknownSide => "'side' must be \"wish_you_had\" or \"should_have\".",
        MomentProblem.UnknownReason => "A reason isn't one of the known ones.",
        MomentProblem.ResponseMissing => "'words' must not be empty.",
        MomentProblem.AlreadyResponded => "This missed moment already has a response.",
        MomentProblem.NotRespondedYet => "It can be marked repaired once the other person has responded.",
        _ => p.ToString(),
    };

    private static TimelineDto ToDto(TimelineEntry e) => e switch
    {
        { Moment: { } m } => new TimelineDto("moment", e.At, ToDto(m), null, null),
        { Ask: { } a } => new TimelineDto("ask", e.At, null, ToDto(a), null),
        _ => new TimelineDto("missed_moment", e.At, null, null, ToDto(e.Missed!)),
    };

    private static MomentDto ToDto(MomentView m) => new(m.Id, m.IAmSupporter, m.SupporterName, m.BackedName, m.AskId, m.Situation,
        m.Noticed, m.Sided, m.Action, m.RecordedAt, m.Answer, m.More, m.AnsweredAt, m.Reinforce, m.ReinforcedAt);

    private static AskDto ToDto(AskView a) => new(a.Id, a.IAmAsker, a.AskerName, a.OnDate, a.Situation, a.Help, a.CreatedAt, a.MomentId);

    private static MissedDto ToDto(MissedView m) => new(m.Id, m.IAmAuthor, m.AuthorName, m.Side, m.What, m.Reasons, m.Reflection,
        m.CreatedAt, m.Response, m.MyMark is not null, m.TheirMark is not null, m.IsRepaired);
}
