using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.PasswordReset)]
public sealed class ResetPasswordModel(EmailLinks links, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Password { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public bool InvalidLink { get; private set; }

    public void OnGet() => InvalidLink = !Guid.TryParse(UserId, out _) || AccountEmails.DecodeToken(Code) is null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var (outcome, errors) = await links.ResetPasswordAsync(UserId, Code, Input.Password, ct);
        Input.Password = null;
        switch (outcome)
        {
            case EmailLinks.LinkOutcome.Done:
                TempData["Flash"] = text["Reset_Done"].Value;
                return RedirectToPage("SignIn");
            case EmailLinks.LinkOutcome.InvalidLink:
                InvalidLink = true;
                return Page();
            default:
                ModelState.AddFieldErrors(errors, text);
                return Page();
        }
    }
}
