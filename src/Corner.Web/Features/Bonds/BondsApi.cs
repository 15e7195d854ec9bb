using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Corner.Web.Features.Bonds;

public static class BondsApi
{
    public sealed record BondDto(Guid Id, string Name, string Kind, DateTimeOffset CreatedAt, string? OtherName, bool OtherLeft);

    public static RouteGroupBuilder MapBondsApi(this RouteGroupBuilder api)
    {
        var spaces = api.MapGroup("/spaces").WithTags("Spaces");

        spaces.MapGet("/", async Task<Ok<List<BondDto>>> (HttpContext http, BondQueries bonds, CancellationToken ct) =>
                TypedResults.Ok((await bonds.ListForPersonAsync(http.User.PersonId(), ct)).Select(ToDto).ToList()))
            .WithName("ListSpaces").WithSummary("Lists the spaces the caller is a member of.");

        spaces.MapGet("/{bondId:guid}", async Task<Results<Ok<BondDto>, NotFound>> (Guid bondId, HttpContext http, BondQueries bonds, CancellationToken ct) =>
                await bonds.FindForMemberAsync(bondId, http.User.PersonId(), ct) is { } bond
                    ? TypedResults.Ok(ToDto(bond))
                    : TypedResults.NotFound())
            .WithName("GetSpace").WithSummary("One space the caller is a member of; 404 for any other.");

        return api;
    }

    public static BondDto ToDto(BondSummary b) => new(b.Id, b.Name, b.Kind.ToString(), b.CreatedAt, b.OtherName, b.OtherLeft);
}
