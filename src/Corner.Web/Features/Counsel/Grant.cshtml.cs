using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Counsel;

/// <summary>The between-sessions page of one couple, for their counsellor. Each visit is on the couple's record.</summary>
public sealed class GrantModel(BetweenSessions pages, Shared.PersonalDay day) : PageModel
{
    public BetweenSessionsView View { get; private set; } = null!;
    public string TimeZone { get; private set; } = "Etc/UTC";

    public async Task<IActionResult> OnGetAsync(Guid grantId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await pages.ReadAsync(grantId, personId, CounselRecord.BetweenSessionsPage, ct) is not { } view)
            return NotFound();
        View = view;
        TimeZone = await day.ZoneAsync(personId, ct);
        return Page();
    }
}
