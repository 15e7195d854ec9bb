using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.CycleMap;

/// <summary>
/// The cycle map over HTTP, on the same handlers as the pages (CycleHalfWriter, CycleTimeRecorder, CycleMapQueries).
/// The other member's half appears only once shared; a draft is never mentioned. No response carries a person id.
/// </summary>
public static class CycleMapApi
{
    /// <summary>Behaviours are ids from GET /api/v1/cycle/behaviours; every text is optional in a draft.</summary>
    public sealed record HalfRequest(string[]? Behaviours, string? Trigger, string? Reaction, string? Surface, string? Underneath,
        string? Need, string? ToKnow);

    public sealed record HalfDto(bool Mine, string Name, bool Shared, IReadOnlyList<string> Behaviours, string? Trigger, string? Reaction,
        string? Surface, string? Underneath, string? Need, string? ToKnow, DateTimeOffset UpdatedAt);

    /// <summary><c>theirs</c> is null until the other member shares their half; <c>loopReady</c> once both are shared.</summary>
    public sealed record MapDto(HalfDto? Mine, HalfDto? Theirs, bool LoopReady);

    public sealed record BehaviourDto(string Id, string Side);

    public sealed record PartsDto(IReadOnlyList<BehaviourDto> Behaviours, IReadOnlyList<string> Parts, IReadOnlyList<string> Reconnected);

    /// <summary><c>requestKey</c> makes a retry safe: the same key twice notes the time once.</summary>
    public sealed record TimeRequest(DateOnly? Date, string[]? Parts, string? Reconnected, string? Note, Guid? RequestKey);

    public sealed record TimeDto(Guid Id, DateOnly Date, bool Mine, string NotedBy, IReadOnlyList<string> Parts, string Reconnected, string? Note);

    public sealed record MonthDto(string Month, int Times, IReadOnlyDictionary<string, int> Reconnected);

    public sealed record TimesDto(IReadOnlyList<MonthDto> Months, IReadOnlyList<TimeDto> Times);

    public sealed record TimeCreatedDto(Guid Id);

    public static RouteGroupBuilder MapCycleMapApi(this RouteGroupBuilder api)
    {
        api.MapGet("/cycle/vocabulary", () => TypedResults.Ok(new PartsDto(
                CycleBehaviours.AllIds.Select(id => new BehaviourDto(id, id[..id.IndexOf('.', StringComparison.Ordinal)])).ToList(),
                CycleParts.Ids, Reconnection.Ids)))
            .WithTags("Cycle map").WithName("GetCycleVocabulary")
            .WithSummary("The behaviour ids (fight/pursue and flight/withdraw), the part ids and the reconnection values the cycle map accepts.");

        var cycle = api.MapGroup("/spaces/{bondId:guid}/cycle").WithTags("Cycle map");

        cycle.MapGet("", async Task<Results<Ok<MapDto>, NotFound>> (Guid bondId, HttpContext http, SpaceAccessor spaces, CycleMapQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
                    return TypedResults.NotFound();
                var map = await queries.MapAsync(bondId, personId, bond.OtherName, ct);
                return TypedResults.Ok(new MapDto(ToDto(map.Mine), ToDto(map.Theirs), map.LoopReady));
            })
            .WithName("GetCycleMap").WithSummary("Your half (draft or shared) and the other member's half once they have shared it; 404 if not a member.");

        cycle.MapPut("/my-half", async Task<Results<Ok<HalfDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, HalfRequest request, HttpContext http, CycleHalfWriter writer, CycleMapQueries queries, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                var (saved, issues) = await writer.SaveAsync(bondId, personId, ToInput(request), share: null, ct);
                if (saved is null)
                    return issues.Any(i => i.Problem == CycleHalfProblem.NotFound) ? TypedResults.NotFound() : Problem(issues);
                return TypedResults.Ok(ToDto((await queries.MapAsync(bondId, personId, null, ct)).Mine)!);
            })
            .WithName("PutMyCycleHalf")
            .WithSummary("Creates or updates your half. A new half is a private draft; a shared half stays shared and the other member sees the change.");

        cycle.MapPost("/my-half/share", (Guid bondId, HttpContext http, CycleHalfWriter writer, CycleMapQueries queries, CancellationToken ct) =>
                SetSharedAsync(bondId, true, http, writer, queries, ct))
            .WithName("ShareMyCycleHalf")
            .WithSummary("Shares your saved half with the other member; 400 (needs_trigger_to_share / needs_reaction_to_share) until it says what sets you off and what you do.");

        cycle.MapPost("/my-half/unshare", (Guid bondId, HttpContext http, CycleHalfWriter writer, CycleMapQueries queries, CancellationToken ct) =>
                SetSharedAsync(bondId, false, http, writer, queries, ct))
            .WithName("UnshareMyCycleHalf").WithSummary("Takes your half back to a private draft; 404 if you have no half here.");

        cycle.MapGet("/times", async Task<Results<Ok<TimesDto>, NotFound>> (
                Guid bondId, int? months, HttpContext http, SpaceAccessor spaces, CycleMapQueries queries, PersonalDay day, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (await spaces.FindForMemberAsync(bondId, personId, ct) is null)
                    return TypedResults.NotFound();
                var count = CyclePicture.ClampMonths(months);
                var today = await day.TodayAsync(personId, ct);
                var times = await queries.TimesAsync(bondId, personId, CyclePicture.FirstMonth(today, count), today, ct);
                var picture = new CyclePicture(today, count, times, System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(new TimesDto(
                    picture.Months.Select(m => new MonthDto(m.FirstDay.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), m.Times, m.ByReconnection)).ToList(),
                    times.Select(t => new TimeDto(t.Id, t.LocalDate, t.Mine, t.NotedByName, t.Parts, t.Reconnected, t.Note)).ToList()));
            })
            .WithName("ListCycleTimes")
            .WithSummary($"Times the cycle was noted over the last 'months' months (default {CyclePicture.DefaultMonths}, at most {CyclePicture.MaxMonths}), with a per-month summary; 404 if not a member.");

        cycle.MapPost("/times", async Task<Results<Created<TimeCreatedDto>, Ok<TimeCreatedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, TimeRequest request, HttpContext http, CycleTimeRecorder recorder, CancellationToken ct) =>
            {
                var (saved, problems) = await recorder.RecordAsync(bondId, http.User.PersonId(), request.RequestKey ?? Guid.Empty,
                    new CycleTimeInput(request.Date, request.Parts ?? [], request.Reconnected, request.Note), ct);
                if (saved is null)
                    return problems.Contains(CycleTimeProblem.NotFound) ? TypedResults.NotFound() : Problem(problems);
                var dto = new TimeCreatedDto(saved.TimeId);
                return saved.Created ? TypedResults.Created($"/api/v1/spaces/{bondId}/cycle/times", dto) : TypedResults.Ok(dto);
            })
            .WithName("NoteCycleTime")
            .WithSummary("Notes a time the cycle showed up (a local date not in the future, part ids, how soon you reconnected, an optional note). "
                + "201 when noted; 200 with the same id when this requestKey was already used.");

        cycle.MapDelete("/times/{timeId:guid}", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid timeId, HttpContext http, CycleTimeRecorder recorder, CancellationToken ct) =>
                await recorder.DeleteAsync(bondId, http.User.PersonId(), timeId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("DeleteCycleTime").WithSummary("Takes away a time you noted; 404 for one the other member noted or one you can't see.");

        return api;
    }

    private static async Task<Results<Ok<HalfDto>, NotFound, ProblemHttpResult>> SetSharedAsync(
        Guid bondId, bool share, HttpContext http, CycleHalfWriter writer, CycleMapQueries queries, CancellationToken ct)
    {
        var personId = http.User.PersonId();
        var (saved, issues) = await writer.SetSharedAsync(bondId, personId, share, ct);
        if (saved is null)
            return issues.Any(i => i.Problem == CycleHalfProblem.NotFound) ? TypedResults.NotFound() : Problem(issues);
        return TypedResults.Ok(ToDto((await queries.MapAsync(bondId, personId, null, ct)).Mine)!);
    }

    private static CycleHalfInput ToInput(HalfRequest r) =>
        new((r.Behaviours ?? []).Distinct().ToList(), r.Trigger, r.Reaction, r.Surface, r.Underneath, r.Need, r.ToKnow);

    private static HalfDto? ToDto(CycleHalfView? h) => h is null ? null
        : new HalfDto(h.Mine, h.Name, h.Shared, h.Behaviours, h.Trigger, h.Reaction, h.Surface, h.Underneath, h.Need, h.ToKnow, h.UpdatedAt);

    private static ProblemHttpResult Problem(IReadOnlyList<CycleHalfIssue> issues)
    {
        var first = issues[0];
        return ApiProblem.For(first.Problem, Detail(first), new Dictionary<string, object?>
        {
            ["problems"] = issues.Select(i => new { code = ApiProblem.Code(i.Problem), field = i.Field }).ToArray(),
        });
    }

    private static ProblemHttpResult Problem(IReadOnlyList<CycleTimeProblem> problems)
    {
        return ApiProblem.ForAll(problems[0], problems, Detail(problems[0]));
    }

    private static string Detail(CycleHalfIssue issue) => issue.Problem switch
    {
        CycleHalfProblem.UnknownBehaviour => "A behaviour id isn't one of GET /api/v1/cycle/vocabulary's.",
        CycleHalfProblem.TextTooLong => $"'{issue.Field}' is longer than {CycleHalfWriter.TextMaxLength} characters.",
        CycleHalfProblem.TextHasControlCharacters => $"'{issue.Field}' contains a control character (such as a null byte).",
        CycleHalfProblem.NeedsTriggerToShare => "Say what tends to set you off ('trigger') before sharing.",
        CycleHalfProblem.NeedsReactionToShare => "Pick a behaviour or describe what you do ('reaction') before sharing.",
        _ => issue.Problem.ToString(),
    };

    private static string Detail(CycleTimeProblem problem) => problem switch
    {
        CycleTimeProblem.DateMissing => "'date' is required (yyyy-MM-dd).",
        CycleTimeProblem.DateInFuture => "That day hasn't come yet where you are.",
        CycleTimeProblem.DateTooEarly => "'date' must be in the year 2000 or later.",
        CycleTimeProblem.UnknownPart => "A part id isn't one of GET /api/v1/cycle/vocabulary's.",
        CycleTimeProblem.ReconnectedMissing => "'reconnected' is required.",
        CycleTimeProblem.UnknownReconnected => "'reconnected' isn't one of GET /api/v1/cycle/vocabulary's values.",
        CycleTimeProblem.NoteTooLong => $"The note is longer than {CycleTimeRecorder.NoteMaxLength} characters.",
        CycleTimeProblem.NoteHasControlCharacters => "The note contains a control character (such as a null byte).",
        _ => problem.ToString(),
    };
}
