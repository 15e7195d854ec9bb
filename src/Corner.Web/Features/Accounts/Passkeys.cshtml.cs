using Corner.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

public sealed class PasskeysModel(AccountSettings settings, Passkeys passkeys, IStringLocalizer<AccountsText> text) : PageModel
{
    public IReadOnlyList<Passkeys.Summary> List { get; private set; } = [];

    public string? Error { get; private set; }

    public Task<IActionResult> OnGetAsync() => WithPersonAsync(_ => Task.FromResult<IActionResult>(Page()));

    /// <summary>Options for <c>navigator.credentials.create()</c>; POST because it sets the ceremony cookie.</summary>
    public Task<IActionResult> OnPostCreationOptionsAsync() => WithPersonAsync(async person =>
        Content(await passkeys.CreationOptionsAsync(person), "application/json"));

    public Task<IActionResult> OnPostAddAsync([FromForm] string? credential, [FromForm] string? name, CancellationToken ct) =>
        WithPersonAsync(async person =>
        {
            if (await passkeys.AddAsync(person, credential, name, ct) is { } error)
            {
                Error = text[error];
                return Page();
            }
            TempData["Flash"] = text["Passkey_Added"].Value;
            return RedirectToPage();
        });

    public Task<IActionResult> OnPostRenameAsync([FromForm] string? id, [FromForm] string? name, CancellationToken ct) =>
        WithPersonAsync(async person =>
        {
            if (!await passkeys.RenameAsync(person, id, name, ct))
            {
                Error = text["Passkey_RenameFailed"];
                return Page();
            }
            TempData["Flash"] = text["Passkey_Renamed"].Value;
            return RedirectToPage();
        });

    public Task<IActionResult> OnPostRemoveAsync([FromForm] string? id, CancellationToken ct) =>
        WithPersonAsync(async person =>
        {
            if (!await passkeys.RemoveAsync(person, id, ct))
                return NotFound();
            TempData["Flash"] = text["Passkey_Removed"].Value;
            return RedirectToPage();
        });

    private async Task<IActionResult> WithPersonAsync(Func<Person, Task<IActionResult>> action)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        var result = await action(person);
        if (result is PageResult)
            List = await passkeys.ListAsync(person);
        return result;
    }
}
