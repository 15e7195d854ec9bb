using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

/// <summary>Small things the account pages share.</summary>
public static class AccountPages
{
    /// <summary>Shows each handler error next to its field (<c>Input.Field</c>), worded from the resource file.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IEnumerable<FieldError> errors, IStringLocalizer text)
    {
        foreach (var error in errors)
            modelState.AddModelError(error.Field.Length == 0 ? "" : "Input." + error.Field, text[error.MessageKey]);
    }
}
