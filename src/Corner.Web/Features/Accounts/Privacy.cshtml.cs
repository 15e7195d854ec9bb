using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Accounts;

public sealed class PrivacyModel(AccountSettings settings, PrivacyCentre centre, Sessions sessions,
    SignInManager<Person> signInManager, IStringLocalizer<AccountsText> text) : PageModel
{
    public PrivacyCentre.ActivityPage Activity { get; private set; } = new([], null);

    public IReadOnlyList<Sessions.Session> Sessions { get; private set; } = [];

    public PrivacyCentre.Holdings Holdings { get; private set; } = new(0, []);

    public IReadOnlyList<PrivacyCentre.CounsellorRead> CounsellorReads { get; private set; } = [];

    /// <summary>This browser's own session, which is marked and signed out with the ordinary sign-out button.</summary>
    public Guid? CurrentSession => Accounts.Sessions.IdOf(User);

    private TimeZoneInfo zone = TimeZoneInfo.Utc;

    /// <summary>When it happened, in the person's own time zone.</summary>
    public string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How a session's device is named: "Firefox on Android", "A browser on Windows", "An app (curl)".</summary>
    public string Device(Sessions.Session session) => (session.Kind, session.Browser, session.Platform) switch
    {
        (Accounts.Sessions.ApiKind, { } app, _) => text["Sessions_NamedApp", app],
        (Accounts.Sessions.ApiKind, _, _) => text["Sessions_App"],
        (_, { } browser, { } platform) => text["Sessions_Device", browser, platform],
        (_, { } browser, null) => browser,
        (_, null, { } platform) => text["Sessions_BrowserOn", platform],
        _ => text["Sessions_Browser"],
    };

    /// <summary>"from network 203.0.113.x", "from a local network (192.168.1.x)" or "from the computer Corner runs on".</summary>
    public string Network(string network) => SessionOrigin.KindOf(network) switch
    {
        NetworkKind.ThisComputer => text["Sessions_NetworkThisComputer"],
        NetworkKind.Local => text["Sessions_NetworkLocal", network],
        _ => text["Sessions_Network", network],
    };

    public async Task<IActionResult> OnGetAsync([FromQuery] long? before, CancellationToken ct)
    {
        if (await settings.CurrentAsync(User) is not Person person)
            return NotFound();
        if (TimeZoneInfo.TryFindSystemTimeZoneById(person.TimeZone, out var found))
            zone = found;
        Holdings = await centre.HoldingsAsync(person, ct);
        Sessions = await sessions.ListAsync(person, ct);
        Activity = await centre.ActivityAsync(person, before is > 0 ? before : null, ct);
        CounsellorReads = await centre.CounsellorReadsAsync(person, ct);
        return Page();
    }

    /// <summary>Signs another browser or app out. This browser's own session is signed out the ordinary way.</summary>
    public async Task<IActionResult> OnPostEndSessionAsync([FromForm] Guid sessionId, CancellationToken ct)
    {
        if (sessionId == CurrentSession)
        {
            await signInManager.SignOutAsync();
            TempData["Flash"] = text["SignOut_Done"].Value;
            return LocalRedirect("/");
        }
        TempData["Flash"] = await sessions.EndAsync(User.PersonId(), sessionId, ct)
            ? text["Sessions_Ended"].Value
            : text["Sessions_NotFound"].Value;
        return LocalRedirect("/account/privacy#sessions-heading");
    }
}
