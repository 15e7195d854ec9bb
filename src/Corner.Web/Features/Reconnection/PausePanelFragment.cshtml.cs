using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Reconnection;

/// <summary>Just the pause panel, for pause.js to show or refresh in place when a pause starts, changes or ends.</summary>
public sealed class PausePanelFragmentModel(PausePanelLoader loader) : PageModel
{
    public PausePanelModel Panel { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (await loader.LoadAsync(bondId, User.PersonId(), ct) is not { } panel)
            return NotFound();
        Panel = panel;
        return Page();
    }
}
