using Corner.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

/// <summary>Deleting your account: what will happen, in plain words, then the password (and code) again.</summary>
[EnableRateLimiting(CornerSecurity.RateLimits.SignIn)]
public sealed class DeleteModel(AccountSettings settings, AccountDeletion deletion, IStringLocalizer<AccountsText> text) : PageModel
{
    public sealed class InputModel
    {
        public string? Password { get; set; }
        public string? Code { get; set; }
        public bool Understood { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<SpaceToClose> Spaces { get; private set; } = [];
    public bool TwoFactorEnabled { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        await LoadAsync(person, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not { } person)
            return NotFound();
        ModelState.Clear();
        await LoadAsync(person, ct);
        var errors = await deletion.DeleteAsync(person, Input.Password, Input.Code, Input.Understood, ct);
        if (errors.Count > 0)
        {
            // Passwords and codes are never sent back; the choice to go on is kept.
            Input = new InputModel { Understood = Input.Understood };
            ModelState.AddFieldErrors(errors, text);
            return Page();
        }
        return LocalRedirect("/account/deleted");
    }

    private async Task LoadAsync(Data.Person person, CancellationToken ct)
    {
        Spaces = await deletion.SpacesAsync(person.Id, ct);
        TwoFactorEnabled = person.TwoFactorEnabled;
    }
}

/// <summary>Where a deleted account's browser lands: signed out, nothing left to show.</summary>
[AllowAnonymous]
public sealed class DeletedModel : PageModel
{
    public void OnGet()
    {
    }
}
