using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Home;

[AllowAnonymous]
public sealed class IndexModel(BondQueries bonds) : PageModel
{
    public bool IsSignedIn { get; private set; }
    public IReadOnlyList<BondSummary> Bonds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (User.PersonIdOrNull() is not { } personId)
            return;
        IsSignedIn = true;
        Bonds = await bonds.ListForPersonAsync(personId, ct);
    }
}
