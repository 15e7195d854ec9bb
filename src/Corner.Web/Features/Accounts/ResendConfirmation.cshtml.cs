using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.Register)]
public sealed class ResendConfirmationModel(EmailLinks links, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() => ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        ModelState.Clear();
        if (!await links.ResendConfirmationAsync(Input.Email, ReturnUrl, ct))
        {
            ModelState.AddFieldErrors([new FieldError("Email", "Email_Invalid")], text);
            return Page();
        }
        return RedirectToPage("CheckEmail", new { returnUrl = ReturnUrl });
    }
}
