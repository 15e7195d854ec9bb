using Corner.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Accounts;

public sealed class PrivacyModel(AccountSettings settings, PrivacyCentre centre) : PageModel
{
    public PrivacyCentre.ActivityPage Activity { get; private set; } = new([], null);

    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    /// <summary>When it happened, in the person's own time zone.</summary>
    public string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync([FromQuery] long? before, CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not Person person)
            return NotFound();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(person.TimeZone, out var found))
            zone = found;
        Activity = await centre.ActivityAsync(person, before is > 0 ? before : null, ct);
        return Page();
    }
}
