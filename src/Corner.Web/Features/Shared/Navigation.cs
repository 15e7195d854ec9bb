using System.Security.Claims;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;

namespace Corner.Web.Features.Shared;

/// <summary>What the layout needs: whether someone is signed in, their spaces, the current one and what is new.</summary>
public sealed class Navigation(BondQueries bonds, LiveUnread unread, IHttpContextAccessor http)
{
    public sealed record Model(bool IsSignedIn, IReadOnlyList<BondSummary> Bonds, BondSummary? CurrentBond, UnreadCounts Unread);

    // Loaded once per request: a page that shows the same list (the home page) reads it from here too.
    private Model? _loaded;

    public async Task<Model> LoadAsync(ClaimsPrincipal user) => _loaded ??= await ReadAsync(user);

    // The "N new" counts a page already read with its own batch (the space home), so the layout does not ask again.
    private UnreadCounts? _counts;

    public void Remember(UnreadCounts counts) => _counts = counts;

    private async Task<Model> ReadAsync(ClaimsPrincipal user)
    {
        if (user.PersonIdOrNull() is not { } personId)
            return new Model(false, [], null, UnreadCounts.None);
        var list = await bonds.ListForPersonAsync(personId);
        var routeBond = http.HttpContext?.GetRouteValue("bondId") as string;
        var current = Guid.TryParse(routeBond, out var id) ? list.FirstOrDefault(b => b.Id == id) : null;
        var counts = list.Count == 0 ? UnreadCounts.None : _counts ?? await unread.CountAsync(personId);
        return new Model(true, list, current, counts);
    }
}
