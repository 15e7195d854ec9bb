using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Corner.Web.Features.Accounts;

/// <summary>The link sent to a new address shows a button; only the POST changes the address, so link scanners change nothing.</summary>
[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.PasswordReset)]
public sealed class ConfirmEmailChangeModel(EmailChange change) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public EmailLinks.LinkOutcome? Outcome { get; private set; }

    public bool LinkLooksValid => Guid.TryParse(UserId, out _) && AccountRules.TryNormalizeEmail(Email, out _)
        && AccountEmails.DecodeToken(Code) is not null;

    /// <summary>Whether this browser is signed in as the person the link is for (then it stays signed in).</summary>
    public bool SignedInAsThem => Guid.TryParse(UserId, out var id) && User.PersonIdOrNull() == id;

    public void OnGet()
    {
    }

    public async Task OnPostAsync(CancellationToken ct) =>
        Outcome = await change.ConfirmAsync(UserId, Email, Code, User.PersonIdOrNull(), ct);
}
