using Corner.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

/// <summary>Asks for a new email address; the change happens from the link sent there (see <see cref="EmailChange"/>).</summary>
// It checks a password: limited as signing in is.
[EnableRateLimiting(CornerSecurity.RateLimits.SignIn)]
public sealed class EmailModel(AccountSettings settings, EmailChange change, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? NewEmail { get; set; }
        public string? CurrentPassword { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        Current = person.Email;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        Current = person.Email;
        ModelState.Clear();
        var errors = await change.RequestAsync(person, Input.NewEmail, Input.CurrentPassword, ct);
        // The password is never sent back; what they typed as the address stays.
        Input.CurrentPassword = null;
        if (errors.Count > 0)
        {
            ModelState.AddFieldErrors(errors, text);
            return Page();
        }
        TempData["Flash"] = text["EmailChange_Sent"].Value;
        return LocalRedirect("/account");
    }
}
