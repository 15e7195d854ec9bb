using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.SignIn)]
public sealed class SignInTwoFactorModel(AccountSignIn accountSignIn, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Code { get; set; }
        public bool RememberDevice { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        return await accountSignIn.PendingTwoFactorPersonAsync() is null ? StartAgain() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        ModelState.Clear();
        if (await accountSignIn.PendingTwoFactorPersonAsync() is null)
            return StartAgain();
        var outcome = await accountSignIn.TwoFactorCodeAsync(Input.Code, RememberMe, Input.RememberDevice, ct);
        if (outcome == SignInOutcome.Succeeded)
            return LocalRedirect(ReturnUrl ?? "/");
        Input.Code = null;
        ModelState.AddModelError(outcome == SignInOutcome.LockedOut ? "" : "Input.Code",
            text[outcome == SignInOutcome.LockedOut ? "SignIn_LockedOut" : "TwoFactor_WrongCode"]);
        return Page();
    }

    private RedirectToPageResult StartAgain()
    {
        TempData["Flash"] = text["TwoFactor_StartAgain"].Value;
        return RedirectToPage("SignIn", new { returnUrl = ReturnUrl });
    }
}
