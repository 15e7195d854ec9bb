using Corner.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app. Recovery codes are shown once, in the answer to
/// the POST that made them, and never stored anywhere readable.
/// </summary>
public sealed class TwoFactorModel(AccountSettings settings, TwoFactorSetup setup, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TwoFactorSetup.Status Status { get; private set; } = new(false, null, null, 0);

    /// <summary>Only set in the answer to the POST that made them.</summary>
    public IReadOnlyList<string>? NewRecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await WithPersonAsync(_ => Task.FromResult<IActionResult>(Page()));

    public Task<IActionResult> OnPostStartAsync() => WithPersonAsync(async person =>
    {
        await setup.StartAsync(person);
        return RedirectToPage();
    });

    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => WithPersonAsync(async person =>
    {
        NewRecoveryCodes = await setup.EnableAsync(person, Input.Code, ct);
        if (NewRecoveryCodes is null)
            ModelState.AddModelError("Input.Code", text["TwoFactor_WrongCode"]);
        else
            TempData["Flash"] = text["TwoFactor_Enabled"].Value;
        Input = new InputModel();
        Status = await setup.StatusAsync(person);
        return Page();
    });

    public Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct) => WithPersonAsync(async person =>
    {
        NewRecoveryCodes = await setup.RegenerateRecoveryCodesAsync(person, ct);
        Status = await setup.StatusAsync(person);
        return Page();
    });

    public Task<IActionResult> OnPostDisableAsync(CancellationToken ct) => WithPersonAsync(async person =>
    {
        if (!await setup.DisableAsync(person, Input.Password, ct))
        {
            ModelState.AddModelError("Input.Password", text["Password_CurrentWrong"]);
            Input = new InputModel();
            return Page();
        }
        TempData["Flash"] = text["TwoFactor_Disabled"].Value;
        return RedirectToPage();
    });

    private async Task<IActionResult> WithPersonAsync(Func<Person, Task<IActionResult>> action)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        ModelState.Clear();
        Status = await setup.StatusAsync(person);
        return await action(person);
    }
}
