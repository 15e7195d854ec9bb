using Corner.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Reminders;

/// <summary>
/// The stop link in every reminder. Opening it only shows one button (mail apps open links on their
/// own, so a GET must change nothing); pressing it, or a mail app's RFC 8058 one-click POST, turns
/// reminders off. The token is the credential, so no sign-in and no antiforgery token are needed.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StopModel(CornerDbContext db, ReminderSettingsEditor editor) : PageModel
{
    public bool Stopped { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        return await editor.ExistsAsync(token, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken ct)
    {
        await using var system = await db.SystemScopeAsync(ct);
        if (!await editor.StopAsync(token, ct))
            return NotFound();
        Stopped = true;
        return Page();
    }
}
