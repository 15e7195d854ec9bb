using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.Reconnection;

/// <summary>
/// The reconnection plan and the pause signal over HTTP, through the same handlers as the pages
/// (<see cref="ReconnectionPlans"/>, <see cref="PauseSignal"/>). Anything outside the caller's spaces answers 404,
/// and responses never carry the other person's id.
/// </summary>
public static class ReconnectionApi
{
    public sealed record PlanChangeDto(int Version, bool Mine, string By, DateTimeOffset At, IReadOnlyList<string> Parts);

    /// <summary>Version 0 (and no parts) when the space has no plan yet.</summary>
    public sealed record PlanDto(int Version, string? Sign, string? PauseSteps, string? ComingBack, string? RepairPhrase,
        bool UpdatedByMe, string? UpdatedBy, DateTimeOffset? UpdatedAt, bool ConfirmedByMe, bool ConfirmedByOther, IReadOnlyList<PlanChangeDto> History);

    /// <summary>The parts of the plan, and the version the edit is based on (0 for a first plan).</summary>
    public sealed record PlanRequest(int BaseVersion, string? Sign, string? PauseSteps, string? ComingBack, string? RepairPhrase);

    public sealed record ConfirmRequest(int Version);

    public sealed record PauseDto(Guid Id, bool Mine, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset EndsAt,
        int RemainingSeconds, bool TimeUp, bool ReadyMe, bool ReadyOther);

    /// <summary>Length in minutes: 20, 30 or 60 are suggested; anything from 5 to 240 is fine.</summary>
    public sealed record PauseRequest(int Minutes);

    public static RouteGroupBuilder MapReconnectionApi(this RouteGroupBuilder api)
    {
        var space = api.MapGroup("/spaces/{bondId:guid}").WithTags("Reconnection");

        space.MapGet("/reconnection-plan", async Task<Results<Ok<PlanDto>, NotFound>> (
                Guid bondId, HttpContext http, ReconnectionPlans plans, CancellationToken ct) =>
            {
                var personId = http.User.PersonId();
                if (!await IsMemberAsync(http, bondId, ct))
                    return TypedResults.NotFound();
                return TypedResults.Ok(ToDto(await plans.FindAsync(bondId, personId, ct)));
            })
            .WithName("GetReconnectionPlan")
            .WithSummary("The space's reconnection plan at its latest version, who has confirmed it, and what changed when; version 0 if there is none yet.");

        space.MapPut("/reconnection-plan", async Task<Results<Ok<PlanDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, PlanRequest request, HttpContext http, ReconnectionPlans plans, CancellationToken ct) =>
            {
                var result = await plans.SaveAsync(bondId, http.User.PersonId(), request.BaseVersion,
                    new PlanInput(request.Sign, request.PauseSteps, request.ComingBack, request.RepairPhrase), ct);
                if (result.Saved)
                    return TypedResults.Ok(ToDto(result.Plan));
                var first = result.Problems[0];
                return first.Problem switch
                {
                    PlanProblem.NotFound => TypedResults.NotFound(),
                    PlanProblem.VersionChanged => ApiProblem.For(first.Problem,
                        "The plan changed since the version this edit is based on; nothing was saved. Read the latest and try again.",
                        new Dictionary<string, object?> { ["currentVersion"] = result.Plan?.Version ?? 0 }),
                    _ => ApiProblem.For(first.Problem, Detail(first),
                        new Dictionary<string, object?> { ["problems"] = result.Problems.Select(p => p.Part is { } part ? $"{ApiProblem.Code(p.Problem)}:{ApiProblem.Code(part)}" : ApiProblem.Code(p.Problem)).ToArray() }),
                };
            })
            .WithName("SaveReconnectionPlan")
            .WithSummary("Saves a new version of the plan based on 'baseVersion' (the saver's own confirmation; the other member is asked again). "
                + "409 (version_changed) if the plan changed since; 400 for an empty plan or a part that is too long or has control characters.");

        space.MapPost("/reconnection-plan/confirm", async Task<Results<Ok<PlanDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, ConfirmRequest request, HttpContext http, ReconnectionPlans plans, CancellationToken ct) =>
            {
                var (plan, problem) = await plans.ConfirmAsync(bondId, http.User.PersonId(), request.Version, ct);
                return problem switch
                {
                    null => TypedResults.Ok(ToDto(plan)),
                    PlanProblem.NotFound => TypedResults.NotFound(),
                    PlanProblem.NoPlan => ApiProblem.For(problem.Value, "This space has no plan to confirm yet."),
                    _ => ApiProblem.For(problem.Value,
                        "The plan changed since that version. Read the latest version, then confirm it.",
                        new Dictionary<string, object?> { ["currentVersion"] = plan?.Version ?? 0 }),
                };
            })
            .WithName("ConfirmReconnectionPlan")
            .WithSummary("Confirms the plan at 'version', which must be the latest; 409 (plan_changed, with currentVersion) if it has changed since.");

        space.MapGet("/pause", async Task<Results<Ok<PauseDto>, NoContent, NotFound>> (
                Guid bondId, HttpContext http, PauseSignal pauses, CancellationToken ct) =>
            {
                if (!await IsMemberAsync(http, bondId, ct))
                    return TypedResults.NotFound();
                var pause = await pauses.CurrentAsync(bondId, http.User.PersonId(), ct);
                return pause is null ? TypedResults.NoContent() : TypedResults.Ok(ToDto(pause));
            })
            .WithName("GetPause")
            .WithSummary("The space's open pause (running, or over and waiting for both to be ready); 204 when there is none.");

        space.MapPost("/pauses", async Task<Results<Created<PauseDto>, Ok<PauseDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, PauseRequest request, HttpContext http, PauseSignal pauses, CancellationToken ct) =>
            {
                var (pause, created, problem) = await pauses.StartAsync(bondId, http.User.PersonId(), request.Minutes, ct);
                return problem switch
                {
                    null when created => TypedResults.Created($"/api/v1/spaces/{bondId}/pause", ToDto(pause!)),
                    null => TypedResults.Ok(ToDto(pause!)),
                    PauseProblem.NotFound => TypedResults.NotFound(),
                    PauseProblem.AlreadyPaused => ApiProblem.For(problem.Value,
                        "The other person already asked for a pause, and it is still running.",
                        new Dictionary<string, object?> { ["endsAt"] = pause?.EndsAt }),
                    PauseProblem.NobodyToTell => ApiProblem.For(problem.Value, "A pause needs both of you in the space."),
                    _ => ApiProblem.For(problem.Value,
                        $"'minutes' must be from {PauseSignal.MinMinutes} to {PauseSignal.MaxMinutes}."),
                };
            })
            .WithName("StartPause")
            .WithSummary("Sends the pause signal for 'minutes' (5 to 240) and tells the other member live. 201 when started; 200 if the caller's "
                + "own pause is already running (a repeat changes nothing); 409 (already_paused) if the other's is.");

        space.MapPost("/pauses/{pauseId:guid}/end", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid pauseId, HttpContext http, PauseSignal pauses, CancellationToken ct) =>
                await pauses.EndAsync(bondId, pauseId, http.User.PersonId(), ct) is null ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("EndPause")
            .WithSummary("Ends the pause now (either member may, at any time); ending one that has ended changes nothing.");

        space.MapPost("/pauses/{pauseId:guid}/ready", async Task<Results<Ok<PauseDto>, NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid pauseId, HttpContext http, PauseSignal pauses, CancellationToken ct) =>
            {
                var (pause, problem) = await pauses.ReadyAsync(bondId, pauseId, http.User.PersonId(), ct);
                return problem switch
                {
                    null when pause is null => TypedResults.NoContent(),
                    null => TypedResults.Ok(ToDto(pause)),
                    PauseProblem.NotFound => TypedResults.NotFound(),
                    _ => ApiProblem.For(problem.Value, "The pause is still running; there is time yet.",
                        new Dictionary<string, object?> { ["endsAt"] = pause?.EndsAt }),
                };
            })
            .WithName("ReadyAfterPause")
            .WithSummary("\"I'm ready to come back\", once the time is up. 200 with the pause while the other hasn't answered; 204 when both are ready "
                + "(or it had already ended); 409 (not_over_yet) before the time is up.");

        space.MapPost("/pauses/{pauseId:guid}/longer", async Task<Results<Ok<PauseDto>, NoContent, NotFound>> (
                Guid bondId, Guid pauseId, HttpContext http, PauseSignal pauses, CancellationToken ct) =>
            {
                var (pause, problem) = await pauses.LongerAsync(bondId, pauseId, http.User.PersonId(), ct);
                if (problem is not null)
                    return TypedResults.NotFound();
                return pause is null ? TypedResults.NoContent() : TypedResults.Ok(ToDto(pause));
            })
            .WithName("LongerPause")
            .WithSummary($"\"I need a little longer\": once the time is up, {PauseSignal.LongerMinutes} more minutes from now; before that, nothing changes. 204 if it had ended.");

        return api;
    }

    private static async Task<bool> IsMemberAsync(HttpContext http, Guid bondId, CancellationToken ct) =>
        await http.RequestServices.GetRequiredService<Bonds.SpaceAccessor>().IsMemberAsync(bondId, http.User.PersonId(), ct);

    private static PlanDto ToDto(PlanView? plan) => plan is null
        ? new PlanDto(0, null, null, null, null, false, null, null, false, false, [])
        : new PlanDto(plan.Version, plan.Sign, plan.PauseSteps, plan.ComingBack, plan.RepairPhrase, plan.UpdatedByMe, plan.UpdatedByName,
            plan.UpdatedAt, plan.ConfirmedByMe, plan.ConfirmedByOther,
            plan.History.Select(h => new PlanChangeDto(h.Version, h.ByMe, h.ByName, h.At, h.Parts.Select(p => ApiProblem.Code(p)).ToList())).ToList());

    private static PauseDto ToDto(PauseView pause) => new(pause.Id, pause.StartedByMe, pause.StartedByName, pause.StartedAt, pause.EndsAt,
        pause.RemainingSeconds, pause.TimeUp, pause.ReadyMe, pause.ReadyOther);

    private static string Detail(PlanIssue issue) => issue.Problem switch
    {
        PlanProblem.Empty => "Write at least one part of the plan.",
        PlanProblem.TooLong => $"'{ApiProblem.Code(issue.Part!.Value)}' is longer than {ReconnectionPlans.PartMaxLength} characters.",
        PlanProblem.HasControlCharacters => $"'{ApiProblem.Code(issue.Part!.Value)}' contains a control character (such as a null byte).",
        _ => issue.Problem.ToString(),
    };

}
