using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>Where a counsellor's link lands. Anyone may look (it says nothing of the space); taking it needs a
/// counsellor account.</summary>
[AllowAnonymous]
[EnableRateLimiting(CornerSecurity.RateLimits.InvitationRedemption)]
public sealed class TakeModel(CounselDesk desk, Bonds.SpaceAccessor spaces, IStringLocalizer<CounselText> text) : PageModel
{
    public string Token { get; private set; } = "";
    public bool IsSignedIn => User.PersonIdOrNull() is not null;
    public bool IsCounsellor => User.IsCounsellor();
    public string? Problem { get; private set; }
    public string ReturnUrl => CounselEmails.TakePath(Token);

    public IActionResult OnGet(string token)
    {
        Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        Token = token;
        if (User.PersonIdOrNull() is not { } personId)
            return Redirect("/account/sign-in?returnUrl=" + Uri.EscapeDataString(ReturnUrl));
        var (grantId, problem) = await desk.TakeAsync(personId, token, ct);
        if (problem is { } p)
        {
            Problem = text[$"Take_Problem_{p}"];
            Response.StatusCode = Refusal.StatusOf(p);
            return Page();
        }
        // Both may have said yes already: then the space opens now, otherwise once they have.
        var open = await spaces.ForCounsellorAsync(grantId!.Value, personId, ct) is not null;
        TempData["Flash"] = text[open ? "Flash_TakenOpen" : "Flash_Taken"].Value;
        return Redirect("/desk");
    }
}
