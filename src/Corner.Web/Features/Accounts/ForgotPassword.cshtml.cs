using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.PasswordReset)]
public sealed class ForgotPasswordModel(EmailLinks links, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        if (!await links.ForgotPasswordAsync(Input.Email, ct))
        {
            ModelState.AddFieldErrors([new FieldError("Email", "Email_Invalid")], text);
            return Page();
        }
        // The same answer whether or not the address has an account.
        return RedirectToPage(new { sent = true });
    }
}
