using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Home;

[AllowAnonymous]
public sealed class IndexModel(Navigation navigation) : PageModel
{
    public bool IsSignedIn { get; private set; }
    public IReadOnlyList<BondSummary> Bonds { get; private set; } = [];

    // The layout needs the same list of spaces; loading it through Navigation reads it once per request.
    public async Task OnGetAsync()
    {
        var nav = await navigation.LoadAsync(User);
        IsSignedIn = nav.IsSignedIn;
        Bonds = nav.Bonds;
    }
}
