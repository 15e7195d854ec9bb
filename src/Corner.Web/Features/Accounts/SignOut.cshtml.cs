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
        TempData["Flash"] = text["SignOut_Done"].Value;
        return LocalRedirect("/");
    }
}
