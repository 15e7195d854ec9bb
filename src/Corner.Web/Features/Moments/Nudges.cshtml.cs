using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Moments;

/// <summary>Turns the person's own Moments email nudges on or off; the switch lives on the reminders page.</summary>
public sealed class NudgesModel(MomentNudges nudges, IStringLocalizer<MomentsText> text) : PageModel
{
    [BindProperty] public bool Enabled { get; set; }

    public IActionResult OnGet() => Redirect("/reminders#moment-nudges");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
            return BadRequest();
        await nudges.SetEnabledAsync(User.PersonId(), Enabled, ct);
        TempData["Flash"] = text[Enabled ? "Nudges_SavedOn" : "Nudges_SavedOff"].Value;
        return Redirect("/reminders#moment-nudges");
    }
}

/// <summary>The Moments part of the reminders page: one opt-in switch, off by default.</summary>
public sealed class MomentNudgeSettingsViewComponent(MomentNudges nudges) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync() =>
        View("/Features/Moments/_NudgeSettings.cshtml", await nudges.IsEnabledAsync(HttpContext.User.PersonId()));
}
