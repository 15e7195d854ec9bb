using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>
/// The outside view over HTTP, through the same handlers as the pages. The members' side lives under the space; the
/// counsellor's side (the desk) only reads. Anything not the caller's answers 404; responses never carry a person's id.
/// </summary>
public static class CounselApi
{
    public sealed record GrantRequest(string? Email, IReadOnlyList<string>? Scopes, DateOnly? VisibleFrom, DateOnly? VisibleUntil,
        DateOnly? ExpiresOn, string? ShownAs, string? Purpose, int BaseVersion = 0)
    {
        public GrantInput ToInput() => new(Email, Scopes, VisibleFrom, VisibleUntil, ExpiresOn, ShownAs, Purpose);
    }

    public sealed record ProposedDto(Guid Id, string Link, DateTimeOffset LinkExpiresAt);

    public sealed record GrantDto(Guid Id, int Version, string State, IReadOnlyList<string> Scopes, DateOnly VisibleFrom, DateOnly? VisibleUntil,
        DateTimeOffset ExpiresAt, string ShownAs, string? Purpose, string? Counsellor, string? Practice, bool ProposedByMe,
        bool ConsentedByMe, bool ConsentedByOther, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt, DateTimeOffset? TakenAt, DateTimeOffset? RevokedAt);

    public sealed record ReadDto(DateTimeOffset At, string Counsellor, string Page, IReadOnlyList<string> Scopes);

    public sealed record GrantsDto(IReadOnlyList<GrantDto> Grants, IReadOnlyList<ReadDto> Reads);

    public sealed record ConsentRequest(int Version);

    public sealed record TakeRequest(string? Token);

    public sealed record TakenDto(Guid GrantId);

    public sealed record DeskItemDto(Guid GrantId, string State, string? ShownAs, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, DateTimeOffset TakenAt);

    public sealed record DeskDto(bool TwoStep, IReadOnlyList<DeskItemDto> Items);

    public sealed record SuggestRequest(string? Practice, string? Note);

    /// <summary>A suggestion; <c>triedByMe</c> is always false on the counsellor's side, which sees counts only.</summary>
    public sealed record SuggestionDto(Guid Id, string Practice, string? Note, DateTimeOffset CreatedAt, int TriedCount, bool TriedByMe,
        string? ClosedAs, DateTimeOffset? ClosedAt);

    public static void MapCounselApi(this RouteGroupBuilder api)
    {
        var grants = api.MapGroup("/spaces/{bondId:guid}/counsellor-grants").WithTags("Counsellor");

        grants.MapGet("/", async Task<Results<Ok<GrantsDto>, NotFound>> (Guid bondId, HttpContext http, CounselGrants handler, CancellationToken ct) =>
                await handler.ListAsync(http.User.PersonId(), bondId, ct) is var (list, reads)
                    ? TypedResults.Ok(new GrantsDto(list.Select(ToDto).ToList(), reads.Select(r => new ReadDto(r.At, r.CounsellorName, r.Page, r.Scopes)).ToList()))
                    : TypedResults.NotFound())
            .WithName("ListCounsellorGrants")
            .WithSummary("The space's counsellor grants, newest first, and every counsellor read of the space (the last 100).");

        grants.MapPost("/", async Task<Results<Created<ProposedDto>, NotFound, ProblemHttpResult>> (
                Guid bondId, GrantRequest request, HttpContext http, CounselGrants handler, CounselEmails emails,
                IStringLocalizer<CounselText> text, CancellationToken ct) =>
            {
                var (proposed, problems) = await handler.ProposeAsync(http.User.PersonId(), bondId, request.ToInput(), ct);
                if (problems.Any(p => p.Problem == GrantProblem.NotFound))
                    return TypedResults.NotFound();
                if (problems.Count > 0)
                    return Refuse(problems, text);
                return TypedResults.Created($"/api/v1/spaces/{bondId}/counsellor-grants",
                    new ProposedDto(proposed!.Id, emails.Link(proposed.Token), proposed.LinkExpiresAt));
            })
            .WithName("ProposeCounsellorGrant")
            .WithSummary("Proposes a grant and emails its one-time link to the counsellor (the link is also returned, once). Proposing is the caller's consent.");

        grants.MapPut("/{grantId:guid}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid grantId, GrantRequest request, HttpContext http, CounselGrants handler,
                IStringLocalizer<CounselText> text, CancellationToken ct) =>
            {
                var problems = await handler.ChangeAsync(http.User.PersonId(), bondId, grantId, request.BaseVersion, request.ToInput(), ct);
                if (problems.Any(p => p.Problem == GrantProblem.NotFound))
                    return TypedResults.NotFound();
                return problems.Count > 0 ? Refuse(problems, text) : TypedResults.NoContent();
            })
            .WithName("ChangeCounsellorGrant")
            .WithSummary("Changes an open grant from baseVersion: it becomes a new version that needs both members' consent again.");

        grants.MapPost("/{grantId:guid}/consent", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                Guid bondId, Guid grantId, ConsentRequest request, HttpContext http, CounselGrants handler,
                IStringLocalizer<CounselText> text, CancellationToken ct) =>
                await handler.ConsentAsync(http.User.PersonId(), bondId, grantId, request.Version, ct) switch
                {
                    null => TypedResults.NoContent(),
                    GrantProblem.NotFound => TypedResults.NotFound(),
                    var p => Refuse([("", p.Value)], text),
                })
            .WithName("ConsentToCounsellorGrant")
            .WithSummary("The caller's consent to exactly this version of the grant.");

        grants.MapPost("/{grantId:guid}/revoke", async Task<Results<NoContent, NotFound>> (
                Guid bondId, Guid grantId, HttpContext http, CounselGrants handler, CancellationToken ct) =>
                await handler.RevokeAsync(http.User.PersonId(), bondId, grantId, ct) is GrantProblem.NotFound
                    ? TypedResults.NotFound()
                    : TypedResults.NoContent())
            .WithName("RevokeCounsellorGrant")
            .WithSummary("Ends the grant at once, from the counsellor's next request; revoking it again is fine.");

        var desk = api.MapGroup("/desk").WithTags("Counsellor");

        desk.MapGet("/", async Task<Ok<DeskDto>> (HttpContext http, CounselDesk handler, CancellationToken ct) =>
            {
                var (items, twoStep) = await handler.ListAsync(http.User.PersonId(), ct);
                return TypedResults.Ok(new DeskDto(twoStep, items.Select(i => new DeskItemDto(i.GrantId, i.State.ToString(), i.ShownAs, i.Scopes, i.ExpiresAt, i.TakenAt)).ToList()));
            })
            .WithName("ListDesk")
            .WithSummary("A counsellor's couples: each grant they took, with its name only while it is active.");

        desk.MapGet("/{grantId:guid}", async Task<Results<Ok<BetweenSessionsView>, NotFound>> (
                Guid grantId, HttpContext http, BetweenSessions handler, CancellationToken ct) =>
                await handler.ReadAsync(grantId, http.User.PersonId(), CounselRecord.ApiPage, ct) is { } view
                    ? TypedResults.Ok(view)
                    : TypedResults.NotFound())
            .WithName("ReadBetweenSessions")
            .WithSummary("The between-sessions view of an active grant: only its scopes and days. Each read is on the couple's record.");

        desk.MapGet("/{grantId:guid}/suggestion", async Task<Results<Ok<SuggestionDto>, NoContent, NotFound>> (
                Guid grantId, HttpContext http, SpaceAccessor spaces, CounselSuggestions handler, CancellationToken ct) =>
            {
                if (await spaces.ForCounsellorAsync(grantId, http.User.PersonId(), ct) is null)
                    return TypedResults.NotFound();
                return await handler.LatestForCounsellorAsync(grantId, ct) is { } s ? TypedResults.Ok(ToDto(s)) : TypedResults.NoContent();
            })
            .WithName("ReadMySuggestion")
            .WithSummary("The counsellor's latest suggestion for this couple: the practice, their note, how many tried it, whether it was closed.");

        desk.MapPost("/{grantId:guid}/suggestion", async Task<Results<Created<SuggestionDto>, NotFound, ProblemHttpResult>> (
                Guid grantId, SuggestRequest request, HttpContext http, CounselSuggestions handler, IStringLocalizer<CounselText> text,
                CancellationToken ct) =>
            {
                var (_, problem) = await handler.SuggestAsync(http.User.PersonId(), grantId, request.Practice, request.Note, ct);
                return problem switch
                {
                    null => TypedResults.Created($"/api/v1/desk/{grantId}/suggestion", ToDto((await handler.LatestForCounsellorAsync(grantId, ct))!)),
                    SuggestionProblem.NotFound => TypedResults.NotFound(),
                    var p => ApiProblem.For(p.Value, text[$"Suggestion_Problem_{p}", CounselSuggestions.NoteMaxLength]),
                };
            })
            .WithName("LeaveSuggestion")
            .WithSummary("Leaves the couple one practice for the coming week (one of the ids in CounselPractices), replacing the last one.");

        var suggestions = api.MapGroup("/spaces/{bondId:guid}/counsellor-suggestions").WithTags("Counsellor");

        suggestions.MapGet("/", async Task<Results<Ok<List<SuggestionDto>>, NotFound>> (
                Guid bondId, HttpContext http, SpaceAccessor spaces, CounselSuggestions handler, CancellationToken ct) =>
                await spaces.ForWritingAsync(bondId, http.User.PersonId(), ct) is null
                    ? TypedResults.NotFound()
                    : TypedResults.Ok((await handler.ForMembersAsync(http.User.PersonId(), bondId, ct)).Select(ToDto).ToList()))
            .WithName("ListSuggestions")
            .WithSummary("The counsellors' suggestions for the space: the open ones, then the last few closed.");

        foreach (var (action, how) in new[] { ("tried", ""), ("done", CounselSuggestions.Done), ("dismiss", CounselSuggestions.Dismissed) })
        {
            suggestions.MapPost($"/{{suggestionId:guid}}/{action}", async Task<Results<NoContent, NotFound, ProblemHttpResult>> (
                    Guid bondId, Guid suggestionId, HttpContext http, CounselSuggestions handler, IStringLocalizer<CounselText> text,
                    CancellationToken ct) =>
                {
                    var personId = http.User.PersonId();
                    var problem = how.Length == 0
                        ? await handler.TriedAsync(personId, bondId, suggestionId, ct)
                        : await handler.CloseAsync(personId, bondId, suggestionId, how, ct);
                    return problem switch
                    {
                        null => TypedResults.NoContent(),
                        SuggestionProblem.NotFound => TypedResults.NotFound(),
                        var p => ApiProblem.For(p.Value, text[$"Suggestion_Problem_{p}", CounselSuggestions.NoteMaxLength]),
                    };
                })
                .WithName("Suggestion_" + action)
                .WithSummary(action == "tried" ? "Says the caller tried the suggestion (the counsellor sees how many did)."
                    : action == "done" ? "Marks the suggestion done; it leaves the space's home." : "Puts the suggestion away; it leaves the space's home.");
        }

        api.MapPost("/counsellor/take", async Task<Results<Ok<TakenDto>, ProblemHttpResult>> (
                TakeRequest request, HttpContext http, CounselDesk handler, IStringLocalizer<CounselText> text, CancellationToken ct) =>
            {
                var (grantId, problem) = await handler.TakeAsync(http.User.PersonId(), request.Token, ct);
                return problem is { } p
                    ? ApiProblem.For(p, text[$"Take_Problem_{p}"])
                    : TypedResults.Ok(new TakenDto(grantId!.Value));
            })
            .WithTags("Counsellor")
            .RequireRateLimiting(CornerSecurity.RateLimits.InvitationRedemption)
            .WithName("TakeCounsellorLink")
            .WithSummary("Makes the caller (a counsellor account) the counsellor of the link's grant.");
    }

    private static ProblemHttpResult Refuse(IReadOnlyList<(string Field, GrantProblem Problem)> problems, IStringLocalizer<CounselText> text)
    {
        var leading = problems[0].Problem;
        return ApiProblem.ForAll(leading, problems.Select(p => p.Problem).ToList(),
            text[$"Problem_{leading}", CounselGrants.MaxDays, CounselGrants.ShownAsMaxLength, CounselGrants.PurposeMaxLength]);
    }

    private static SuggestionDto ToDto(SuggestionView s) => new(s.Id, s.Practice, s.Note, s.CreatedAt, s.TriedCount, s.TriedByMe, s.ClosedAs, s.ClosedAt);

    private static GrantDto ToDto(GrantView g) => new(g.Id, g.Version, g.State.ToString(), g.Scopes, g.VisibleFrom, g.VisibleUntil, g.ExpiresAt,
        g.ShownAs, g.Purpose, g.CounsellorName, g.PracticeName, g.ProposedByMe, g.IConsented, g.OtherConsented, g.CreatedAt, g.ChangedAt, g.TakenAt, g.RevokedAt);
}
