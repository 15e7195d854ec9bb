using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.CheckIns;

/// <summary>
/// Check-ins over HTTP. The endpoints call the same handlers as the pages (CheckInRecorder, CheckInQueries,
/// ReflectionWriter). Responses never carry the other person's id, and a private check-in is invisible here too.
/// </summary>
public static class CheckInsApi
{
    public const int MaxRangeDays = 92;

    public sealed record ShareDto(Guid SpaceId, int Supported);

    /// <summary>Feelings are ids from the vocabulary (e.g. "sad.lonely"); shares are the spaces to share into.</summary>
    public sealed record CheckInRequest(string[]? Surface, string[]? Underlying, int Intensity, string? Note, ShareDto[]? Shares);

    public sealed record MyCheckInDto(Guid Id, DateOnly Date, IReadOnlyList<string> Surface, IReadOnlyList<string> Underlying,
        int Intensity, string? Note, IReadOnlyList<ShareDto> Shares);

    public sealed record ReflectionDto(Guid Id, bool Mine, string AuthorName, string Feeling, string? Words, string? Answer);

    public sealed record SharedCheckInDto(Guid Id, DateOnly Date, bool Mine, string AuthorName, IReadOnlyList<string> Surface,
        IReadOnlyList<string> Underlying, int Intensity, int Supported, string? Note, IReadOnlyList<ReflectionDto> Reflections);

    public sealed record ReflectRequest(string? Feeling, string? Words);

    public sealed record ReflectionCreatedDto(Guid Id);

    /// <summary>"yes" (that's it) or "not_quite".</summary>
    public sealed record AnswerRequest(string? Answer);

    public static RouteGroupBuilder MapCheckInsApi(this RouteGroupBuilder api)
    {
        var checkIns = api.MapGroup("/check-ins").WithTags("Check-ins");

        checkIns.MapGet("/today", async Task<Results<Ok<MyCheckInDto>, NotFound>> (HttpContext http, PersonalDay day, CheckInQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                var mine = await queries.MineAsync(personId, await day.TodayAsync(personId, ct), ct);
                return mine is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(mine));
            })
            .WithName("GetTodaysCheckIn").WithSummary("The caller's check-in for their own today; 404 if they haven't checked in yet.");

        checkIns.MapPut("/{date}", async Task<Results<Created<MyCheckInDto>, Ok<MyCheckInDto>, ProblemHttpResult>> (
                DateOnly date, CheckInRequest request, HttpContext http, CheckInRecorder recorder, CheckInQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                var (saved, problems) = await recorder.SaveAsync(personId, ToInput(request), date, ct);
                if (saved is null)
                    return Problem(problems);
                var dto = ToDto((await queries.MineAsync(personId, saved.LocalDate, ct))!);
                return saved.Created ? TypedResults.Created("/api/v1/check-ins/today", dto) : TypedResults.Ok(dto);
            })
            .WithName("PutCheckIn")
            .WithSummary("Creates or updates the caller's check-in for a day, which must be their own today. "
                + "201 when created, 200 when updated; a later day answers 400 (date_in_future), an earlier one 409 (day_closed).");

        checkIns.MapPost("/", async Task<Results<Created<MyCheckInDto>, ProblemHttpResult>> (
                CheckInRequest request, HttpContext http, PersonalDay day, CheckInRecorder recorder, CheckInQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                var today = await day.TodayAsync(personId, ct);
                if (await queries.MineAsync(personId, today, ct) is not null)
                    return ApiProblem.For(StatusCodes.Status409Conflict, "already_checked_in",
                        "You've already checked in today. Use PUT /api/v1/check-ins/{date} to change it.");
                var (saved, problems) = await recorder.SaveAsync(personId, ToInput(request), today, ct);
                if (saved is null)
                    return Problem(problems);
                return TypedResults.Created("/api/v1/check-ins/today", ToDto((await queries.MineAsync(personId, saved.LocalDate, ct))!));
            })
            .WithName("CreateCheckIn")
            .WithSummary("Creates the caller's check-in for their own today; 409 (already_checked_in) if there is one — use PUT to change it.");

        var spaces = api.MapGroup("/spaces/{bondId:guid}").WithTags("Check-ins");

        spaces.MapGet("/check-ins", async Task<Results<Ok<List<SharedCheckInDto>>, NotFound, ProblemHttpResult>> (
                Guid bondId, DateOnly? from, DateOnly? to, HttpContext http, SpaceAccessor spaces, PersonalDay day, CheckInQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
                    return TypedResults.NotFound();
                if (!InRange(from) || !InRange(to))
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "invalid_range",
                        $"'from' and 'to' must be days between {EarliestDay:yyyy-MM-dd} and {LatestDay:yyyy-MM-dd}.");
                var last = to ?? await day.TodayAsync(personId, ct);
                var first = from ?? last.AddDays(-6);
                if (first > last)
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "invalid_range", "'from' must not be after 'to'.");
                if (last.DayNumber - first.DayNumber + 1 > MaxRangeDays)
                    return ApiProblem.For(StatusCodes.Status400BadRequest, "range_too_long", $"Ask for at most {MaxRangeDays} days at a time.");
                var shared = await queries.SharedInBondAsync(bondId, personId, first, last, ct);
                return TypedResults.Ok(shared.Select(ToDto).ToList());
            })
            .WithName("ListSharedCheckIns")
            .WithSummary($"Check-ins shared in a space between two local days (inclusive, default the last 7, at most 92), newest first; 404 if not a member.");

        spaces.MapPost("/check-ins/{checkInId:guid}/reflections", async Task<Results<Created<ReflectionCreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid checkInId, ReflectRequest request, HttpContext http, ReflectionWriter writer, CancellationToken ct) =>
            {
                var (id, problem) = await writer.ReflectAsync(bondId, checkInId, http.User.PersonId(), request.Feeling ?? "", request.Words, ct);
                return problem switch
                {
                    null => TypedResults.Created($"/api/v1/spaces/{bondId}/check-ins", new ReflectionCreatedDto(id!.Value)),
                    ReflectionProblem.NotFound => TypedResults.NotFound(),
                    ReflectionProblem.AlreadyReflected => ApiProblem.For(problem.Value, "You've already reflected on this check-in."),
                    _ => ApiProblem.For(problem.Value, Detail(problem.Value)),
                };
            })
            .WithName("ReflectOnCheckIn")
            .WithSummary("The other member reflects on a shared check-in with a feeling id and optional words; 404 for your own or one you can't see, 409 if already reflected.");

        spaces.MapDelete("/check-ins/{checkInId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid checkInId, HttpContext http, CheckInTakeBack takeBack, CancellationToken ct) =>
                await takeBack.StopSharingAsync(bondId, checkInId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("StopSharingCheckIn")
            .WithSummary("Stops sharing the caller's own check-in in this space (the check-in stays theirs, private); 204, or 404 for anyone else's.");

        spaces.MapDelete("/check-ins/{checkInId:guid}/note", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid checkInId, HttpContext http, CheckInTakeBack takeBack, CancellationToken ct) =>
                await takeBack.TakeBackNoteAsync(bondId, checkInId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackCheckInNote")
            .WithSummary("Takes back the note of the caller's own check-in shared in this space; the feelings stay shared. 204, or 404 when there is no such note.");

        spaces.MapDelete("/reflections/{reflectionId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid reflectionId, HttpContext http, CheckInTakeBack takeBack, CancellationToken ct) =>
                await takeBack.TakeBackReflectionAsync(bondId, reflectionId, http.User.PersonId(), ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("TakeBackReflection")
            .WithSummary("Takes back a reflection the caller wrote on the other member's check-in; 204, or 404 for anyone else's.");

        spaces.MapPost("/reflections/{reflectionId:guid}/answer", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid reflectionId, AnswerRequest request, HttpContext http, ReflectionWriter writer, CancellationToken ct) =>
            {
                var problem = await writer.AnswerAsync(bondId, reflectionId, http.User.PersonId(), request.Answer ?? "", ct);
                return problem switch
                {
                    null => TypedResults.NoContent(),
                    ReflectionProblem.NotFound => TypedResults.NotFound(),
                    _ => ApiProblem.For(problem.Value, Detail(problem.Value)),
                };
            })
            .WithName("AnswerReflection")
            .WithSummary("The check-in's author answers a reflection: \"yes\" (that's it) or \"not_quite\"; 404 for anyone else.");

        return api;
    }

    private static CheckInInput ToInput(CheckInRequest r) => new(
        r.Surface ?? [], r.Underlying ?? [], r.Intensity, r.Note,
        (r.Shares ?? []).Select(s => new ShareChoice(s.SpaceId, s.Supported)).ToList());

    private static MyCheckInDto ToDto(MyCheckIn c) => new(c.Id, c.LocalDate, c.SurfaceFeelings, c.UnderlyingFeelings, c.Intensity, c.Note,
        c.SupportedBySpace.Select(p => new ShareDto(p.Key, p.Value)).ToList());

    private static SharedCheckInDto ToDto(SharedCheckIn c) => new(c.Id, c.LocalDate, c.Mine, c.AuthorName, c.SurfaceFeelings,
        c.UnderlyingFeelings, c.Intensity, c.Supported, c.Note,
        c.Reflections.Select(r => new ReflectionDto(r.Id, r.ByMe, r.AuthorName, r.Feeling, r.Words, r.Response)).ToList());

    /// <summary>The first problem names the answer; all of them are listed under "problems". A closed day is a conflict
    /// (<see cref="Refusal"/>), so it leads.</summary>
    private static ProblemHttpResult Problem(IReadOnlyList<CheckInProblem> problems)
    {
        var first = problems.Contains(CheckInProblem.DayClosed) ? CheckInProblem.DayClosed : problems[0];
        return ApiProblem.ForAll(first, problems, Detail(first));
    }

    /// <summary>The days a range may name: wide enough for any real check-in, narrow enough that the date
    /// arithmetic around a range (a week back, a day forward, a zone's offset) can never overflow.</summary>
    internal static readonly DateOnly EarliestDay = new(1900, 1, 1);
    internal static readonly DateOnly LatestDay = new(9998, 12, 31);

    private static bool InRange(DateOnly? day) => day is null || (day >= EarliestDay && day <= LatestDay);

    private static string Detail(CheckInProblem problem) => problem switch
    {
        CheckInProblem.NoSurfaceFeeling => "Pick at least one feeling in 'surface'.",
        CheckInProblem.UnknownFeeling => "A feeling id isn't in Corner's vocabulary.",
        CheckInProblem.TooManyFeelings => $"At most {CheckInRecorder.MaxFeelingsPerLayer} feelings per layer.",
        CheckInProblem.IntensityOutOfRange => "'intensity' must be 1 to 5.",
        CheckInProblem.SupportedOutOfRange => "'supported' must be 1 to 5.",
        CheckInProblem.NoteTooLong => $"The note is longer than {CheckInRecorder.NoteMaxLength} characters.",
        CheckInProblem.NoteHasControlCharacters => "The note contains a control character (such as a null byte).",
        CheckInProblem.UnknownSpace => "One of the spaces isn't one you're a member of.",
        CheckInProblem.DateInFuture => "That day hasn't started yet where you are; only your today can be checked in.",
        CheckInProblem.DayClosed => "That day has ended where you are, so its check-in can no longer change.",
        _ => problem.ToString(),
    };

    private static string Detail(ReflectionProblem problem) => problem switch
    {
        ReflectionProblem.UnknownFeeling => "The feeling id isn't in Corner's vocabulary.",
        ReflectionProblem.WordsTooLong => $"Words are longer than {ReflectionWriter.WordsMaxLength} characters.",
        ReflectionProblem.WordsHaveControlCharacters => "The words contain a control character (such as a null byte).",
        ReflectionProblem.UnknownAnswer => "'answer' must be \"yes\" or \"not_quite\".",
        _ => problem.ToString(),
    };
}
