using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.Register)]
public sealed class RegisterModel(Registration registration, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Email { get; set; }
        public string? DisplayName { get; set; }
        public string? Password { get; set; }
        public string? TimeZone { get; set; } = AccountRules.DefaultTimeZone;
        public string? DetectedTimeZone { get; set; }
        public string? PracticeName { get; set; }
    }

    /// <summary>"counsellor" for a counsellor's account (?as=counsellor), which only reads what couples grant it.</summary>
    [BindProperty(SupportsGet = true, Name = "as")]
    public string? As { get; set; }

    public bool Counsellor => As == PersonKinds.Counsellor;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Posted { get; private set; }

    public void OnGet() => ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Posted = true;
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        // The chooser wins; the browser's guess fills in when the chooser did not arrive.
        var timeZone = !string.IsNullOrEmpty(Input.TimeZone) ? Input.TimeZone
            : AccountRules.IsKnownTimeZone(Input.DetectedTimeZone) ? Input.DetectedTimeZone
            : AccountRules.DefaultTimeZone;
        var errors = await registration.RegisterAsync(
            new Registration.Command(Input.Email, Input.DisplayName, Input.Password, timeZone, ReturnUrl, Counsellor, Input.PracticeName), ct);
        if (errors.Count > 0)
        {
            ModelState.Clear();
            ModelState.AddFieldErrors(errors, text);
            Input.Password = null;
            if (!AccountRules.IsKnownTimeZone(Input.TimeZone))
                Input.TimeZone = AccountRules.DefaultTimeZone;
            return Page();
        }
        return RedirectToPage("CheckEmail", new { returnUrl = ReturnUrl });
    }
}
