using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

/// <summary>Signing out is a POST (the layout's button); a GET only shows the button.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<Corner.Web.Data.Person> signInManager, IStringLocalizer<AccountsText> text) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        // Whatever this browser cached (the service worker keeps only public assets) goes with the session.
        Response.Headers["Clear-Site-Data"] = "\"cache\"";
        TempData["Flash"] = text["SignOut_Done"].Value;
        return LocalRedirect("/");
    }
}
