using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Accounts;

/// <summary>The emailed link shows a button; only the POST confirms, so link scanners change nothing.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(EmailLinks links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public EmailLinks.LinkOutcome? Outcome { get; private set; }

    public bool LinkLooksValid => Guid.TryParse(UserId, out _) && AccountEmails.DecodeToken(Code) is not null;

    public string SignInUrl => "/account/sign-in" + (ReturnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(ReturnUrl));

    public void OnGet() => ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);

    public async Task OnPostAsync(CancellationToken ct)
    {
        ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
        Outcome = await links.ConfirmEmailAsync(UserId, Code, ct);
    }
}
