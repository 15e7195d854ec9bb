using System.Security.Claims;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;

namespace Corner.Web.Features.Shared;

/// <summary>What the layout needs: whether someone is signed in, their spaces and the current one.</summary>
public sealed class Navigation(BondQueries bonds, IHttpContextAccessor http)
{
    public sealed record Model(bool IsSignedIn, IReadOnlyList<BondSummary> Bonds, BondSummary? CurrentBond);

    public async Task<Model> LoadAsync(ClaimsPrincipal user)
    {
        if (user.PersonIdOrNull() is not { } personId)
            return new Model(false, [], null);
        var list = await bonds.ListForPersonAsync(personId);
        var routeBond = http.HttpContext?.GetRouteValue("bondId") as string;
        var current = Guid.TryParse(routeBond, out var id) ? list.FirstOrDefault(b => b.Id == id) : null;
        return new Model(true, list, current);
    }
}
