using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Reconnection;

/// <summary>
/// The pause at the very top of a space's home: an open pause with its countdown, or the empty place where one
/// appears live (pause.js). Kept apart from the reconnection card so nothing pushes it down the page.
/// </summary>
public sealed class SpacePauseViewComponent(PausePanelLoader loader, SpaceReconnectionReads reads) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Bonds.SpaceDetails space)
    {
        var bond = space.Bond;
        var panel = await loader.LoadAsync(bond, HttpContext.User.PersonId(), reads);
        return View("/Features/Reconnection/_PausePanel.cshtml", panel);
    }
}
