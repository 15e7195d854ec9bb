using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.SignIn)]
public sealed class SignInModel(AccountSignIn accountSignIn, Passkeys passkeys, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
        public bool RememberMe { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SignInOutcome? Outcome { get; private set; }

    public IActionResult OnGet()
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        if (User.Identity?.IsAuthenticated == true)
            return LocalRedirect(ReturnUrl ?? "/");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        ModelState.Clear();
        Outcome = await accountSignIn.PasswordAsync(Input.Email, Input.Password, Input.RememberMe, ct);
        Input.Password = null;
        switch (Outcome)
        {
            case SignInOutcome.Succeeded:
                return LocalRedirect(ReturnUrl ?? "/");
            case SignInOutcome.RequiresTwoFactor:
                return RedirectToPage("SignInTwoFactor", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
            case SignInOutcome.LockedOut:
                ModelState.AddModelError("", text["SignIn_LockedOut"]);
                break;
            case SignInOutcome.NotConfirmed:
                break; // the page explains and offers a new link
            default:
                ModelState.AddModelError("", text["SignIn_Failed"]);
                break;
        }
        return Page();
    }

    /// <summary>Options for <c>navigator.credentials.get()</c>; POST because it sets the ceremony cookie.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await passkeys.RequestOptionsAsync(), "application/json");

    public async Task<IActionResult> OnPostPasskeyAsync([FromForm] string? credential, CancellationToken ct)
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        ModelState.Clear();
        Outcome = await passkeys.SignInAsync(credential, ct);
        if (Outcome == SignInOutcome.Succeeded)
            return LocalRedirect(ReturnUrl ?? "/");
        ModelState.AddModelError("", text[Outcome == SignInOutcome.LockedOut ? "SignIn_LockedOut" : "Passkey_SignInFailed"]);
        Outcome = SignInOutcome.Failed;
        return Page();
    }
}
