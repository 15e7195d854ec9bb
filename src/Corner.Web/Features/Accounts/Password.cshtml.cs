using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

public sealed class PasswordModel(AccountSettings settings, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? CurrentPassword { get; set; }
        public string? NewPassword { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        ModelState.Clear();
        var errors = await settings.ChangePasswordAsync(person, Input.CurrentPassword, Input.NewPassword, ct);
        Input = new InputModel();
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, text);
            return Page();
        }
        TempData["Flash"] = text["Password_Changed"].Value;
        return LocalRedirect("/account");
    }
}
