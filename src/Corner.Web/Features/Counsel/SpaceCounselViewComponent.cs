using Corner.Web.Features.Bonds;
using Microsoft.AspNetCore.Mvc;

namespace Corner.Web.Features.Counsel;

/// <summary>The space home's way to the counsellor page. It reads nothing: what waits for a yes is in "waiting for you".</summary>
public sealed class SpaceCounselViewComponent : ViewComponent
{
    public IViewComponentResult Invoke(SpaceDetails space) => View("~/Features/Counsel/_SpaceCounsel.cshtml", space);
}
