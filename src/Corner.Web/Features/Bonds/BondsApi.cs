using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Bonds;

public static class BondsApi
{
    /// <summary>A space as the caller sees it. Never carries the other person's id.</summary>
    public sealed record BondDto(Guid Id, string Name, string Kind, DateTimeOffset CreatedAt, string? OtherName, bool OtherLeft);

    public sealed record CreateSpaceRequest(string? Kind, string? Name);

    /// <summary>A new invitation: the only time its link (and token) can be read.</summary>
    public sealed record InvitationCreatedDto(Guid Id, string Link, DateTimeOffset ExpiresAt);

    public sealed record InvitationDto(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string State, DateTimeOffset? RedeemedAt, DateTimeOffset? RevokedAt);

    public sealed record RedeemRequest(string? Token);

    public static RouteGroupBuilder MapBondsApi(this RouteGroupBuilder api)
    {
        var spaces = api.MapGroup("/spaces").WithTags("Spaces");

        spaces.MapGet("/", async Task<Ok<List<BondDto>>> (HttpContext http, BondQueries bonds, CancellationToken ct) =>
                TypedResults.Ok((await bonds.ListForPersonAsync(http.User.PersonId(), ct)).Select(ToDto).ToList()))
            .WithName("ListSpaces").WithSummary("Lists the spaces the caller is a member of.");

        spaces.MapPost("/", CreateSpaceAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateSpace")
            .WithSummary("Creates a space with the caller as its first member. An Idempotency-Key header (a GUID) makes retries safe.");

        spaces.MapGet("/{bondId:guid}", async Task<Results<Ok<BondDto>, NotFound>> (Guid bondId, HttpContext http, SpaceAccessor spaces, CancellationToken ct) =>
                await spaces.FindForMemberAsync(bondId, http.User.PersonId(), ct) is { } bond
                    ? TypedResults.Ok(ToDto(bond))
                    : TypedResults.NotFound())
            .WithName("GetSpace").WithSummary("One space the caller is a member of; 404 for any other.");

        spaces.MapPost("/{bondId:guid}/invitations", CreateInvitationAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateInvitation")
            .WithSummary("Creates a one-time invitation link (valid 72 hours) and revokes older open ones. The link is returned only here.");

        spaces.MapGet("/{bondId:guid}/invitations", async Task<Results<Ok<List<InvitationDto>>, NotFound>> (Guid bondId, HttpContext http, InvitationIssuer issuer, CancellationToken ct) =>
                await issuer.ListAsync(http.User.PersonId(), bondId, ct) is { } list
                    ? TypedResults.Ok(list.Select(ToDto).ToList())
                    : TypedResults.NotFound())
            .WithName("ListInvitations").WithSummary("The space's invitations, newest first, without their tokens.");

        spaces.MapPost("/{bondId:guid}/invitations/{invitationId:guid}/revoke", RevokeInvitationAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RevokeInvitation").WithSummary("Revokes an invitation so its link no longer works.");

        spaces.MapPost("/{bondId:guid}/leave", async Task<Results<NoContent, NotFound>> (Guid bondId, HttpContext http, BondLeaver leaver, CancellationToken ct) =>
                await leaver.LeaveAsync(http.User.PersonId(), bondId, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("LeaveSpace").WithSummary("Leaves the space at once. This cannot be undone.");

        api.MapPost("/invitations/redeem", RedeemAsync)
            .WithTags("Spaces")
            .RequireRateLimiting(CornerSecurity.RateLimits.InvitationRedemption)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("RedeemInvitation").WithSummary("Joins the space an invitation token belongs to.");

        return api;
    }

    private static async Task<Results<Created<BondDto>, ValidationProblem, ProblemHttpResult>> CreateSpaceAsync(
        CreateSpaceRequest? request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http, BondCreator creator, IStringLocalizer<BondsText> text, CancellationToken ct)
    {
        var bondId = Guid.NewGuid();
        if (!string.IsNullOrEmpty(idempotencyKey) && (!Guid.TryParse(idempotencyKey, out bondId) || bondId == Guid.Empty))
            return TypedResults.Problem(title: text["Api_BadIdempotencyKey"], statusCode: StatusCodes.Status400BadRequest);

        return await creator.CreateAsync(http.User.PersonId(), bondId, request?.Kind, request?.Name, ct) switch
        {
            BondCreation.Created created => TypedResults.Created($"/api/v1/spaces/{created.Bond.Id}", ToDto(created.Bond)),
            BondCreation.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors
                .GroupBy(e => BondInput.KindField(e).ToLowerInvariant())
                .ToDictionary(g => g.Key, g => g.Select(e => text.For(e)).ToArray())),
            _ => TypedResults.Problem(title: text["Api_IdempotencyKeyUsed"], statusCode: StatusCodes.Status409Conflict),
        };
    }

    private static async Task<Results<Created<InvitationCreatedDto>, NotFound, ProblemHttpResult>> CreateInvitationAsync(
        Guid bondId, HttpContext http, InvitationIssuer issuer, IOptions<CornerOptions> options, IStringLocalizer<BondsText> text, CancellationToken ct)
    {
        var (invitation, error) = await issuer.CreateAsync(http.User.PersonId(), bondId, ct);
        if (invitation is not null)
            return TypedResults.Created($"/api/v1/spaces/{bondId}/invitations",
                new InvitationCreatedDto(invitation.Id, JoinLink(http, options.Value, invitation.Token), invitation.ExpiresAt));
        return error is InvitationIssueError.NotFound
            ? TypedResults.NotFound()
            : TypedResults.Problem(title: text.For(error!.Value), statusCode: Refusal.StatusOf(error.Value));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> RevokeInvitationAsync(
        Guid bondId, Guid invitationId, HttpContext http, InvitationIssuer issuer, IStringLocalizer<BondsText> text, CancellationToken ct) =>
        await issuer.RevokeAsync(http.User.PersonId(), bondId, invitationId, ct) switch
        {
            null => TypedResults.NoContent(),
            InvitationRevokeError.AlreadyUsed => TypedResults.Problem(title: text["Invite_RevokeAlreadyUsed"], statusCode: Refusal.StatusOf(InvitationRevokeError.AlreadyUsed)),
            _ => TypedResults.NotFound(),
        };

    private static async Task<Results<Ok<BondDto>, ProblemHttpResult>> RedeemAsync(
        RedeemRequest? request, HttpContext http, InvitationRedeemer redeemer, BondQueries bonds, IStringLocalizer<BondsText> text, CancellationToken ct)
    {
        var personId = http.User.PersonId();
        var redemption = await redeemer.RedeemAsync(personId, request?.Token, ct);
        if (redemption.Problem is { } problem)
            return TypedResults.Problem(title: text.For(problem), statusCode: Refusal.StatusOf(problem));
        var bond = await bonds.FindForMemberAsync(redemption.BondId!.Value, personId, ct)
            ?? throw new InvalidOperationException("A space just joined is not visible to the new member.");
        return TypedResults.Ok(ToDto(bond));
    }

    /// <summary>The full link to send, on the public address when one is configured.</summary>
    public static string JoinLink(HttpContext http, CornerOptions options, string token) =>
        options.BaseUrl(http.Request) + InvitationToken.JoinPath(token);

    public static BondDto ToDto(BondSummary b) => new(b.Id, b.Name, b.Kind.ToString(), b.CreatedAt, b.OtherName, b.OtherLeft);

    public static InvitationDto ToDto(InvitationView i) => new(i.Id, i.CreatedAt, i.ExpiresAt, i.State.ToString(), i.RedeemedAt, i.RevokedAt);
}
