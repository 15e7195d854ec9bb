using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Errors;

/// <summary>Friendly pages for error status codes. Never shows details of what went wrong.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        var known = code is 400 or 404 or 405 or 413 or 429 or 500 ? code : (code >= 500 ? 500 : 400);
        Title = text[$"Errors_{known}_Title"];
        Message = text[$"Errors_{known}_Body"];
        // Re-executed from an error: keep the original status (and never 200 for a failure).
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            Response.StatusCode = code is >= 400 and < 600 ? code : 404;
    }
}
