using Corner.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

/// <summary>The account hub: name and time zone, and the way to everything else about the account.</summary>
public sealed class IndexModel(AccountSettings settings, TwoFactorSetup twoFactor, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? DisplayName { get; set; }
        public string? TimeZone { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool TwoFactorEnabled { get; private set; }
    public string Theme { get; private set; } = Accounts.Theme.System;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        await LoadAsync(person);
        Input = new InputModel { DisplayName = person.DisplayName, TimeZone = person.TimeZone };
        return Page();
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        ModelState.Clear();
        var errors = await settings.UpdateProfileAsync(person, Input.DisplayName, Input.TimeZone, ct);
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, text);
            await LoadAsync(person);
            if (!AccountRules.IsKnownTimeZone(Input.TimeZone))
                Input.TimeZone = person.TimeZone;
            return Page();
        }
        TempData["Flash"] = text["Settings_Saved"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostThemeAsync([FromForm(Name = "Theme")] string? theme, CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        if (!await settings.UpdateThemeAsync(person, theme, ct))
        {
            ModelState.AddModelError("", text["Settings_Theme_Unknown"].Value);
            await LoadAsync(person);
            Input = new InputModel { DisplayName = person.DisplayName, TimeZone = person.TimeZone };
            return Page();
        }
        TempData["Flash"] = text["Settings_Theme_Saved"].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        await settings.SignOutEverywhereAsync(person, ct);
        Response.Headers["Clear-Site-Data"] = "\"cache\"";
        TempData["Flash"] = text["Settings_SignedOutEverywhere"].Value;
        return LocalRedirect("/account/sign-in");
    }

    private async Task LoadAsync(Person person)
    {
        Email = person.Email ?? "";
        TwoFactorEnabled = (await twoFactor.StatusAsync(person)).Enabled;
        Theme = person.Theme;
    }
}
