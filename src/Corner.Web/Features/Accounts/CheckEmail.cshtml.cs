using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Accounts;

[AllowAnonymous]
public sealed class CheckEmailModel(IWebHostEnvironment environment) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool ShowDevMail => environment.IsDevelopment();

    public void OnGet() => ReturnUrl = AccountRules.LocalReturnUrl(ReturnUrl);
}
