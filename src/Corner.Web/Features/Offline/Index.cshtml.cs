using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Offline;

/// <summary>Marker type for the offline page's text.</summary>
public sealed class OfflineText;

/// <summary>What the service worker shows when there is no network: the same page for everybody.</summary>
[AllowAnonymous]
public sealed class OfflineModel : PageModel
{
    public void OnGet()
    {
    }
}
