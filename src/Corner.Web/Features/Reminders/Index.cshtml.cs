using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Reminders;

/// <summary>A person's own reminder settings: on or off, the time, optional quiet hours.</summary>
public sealed class IndexModel(ReminderSettingsEditor editor, IStringLocalizer<RemindersText> text) : PageModel
{
    [BindProperty] public bool Enabled { get; set; }
    [BindProperty] public string? LocalTime { get; set; }
    [BindProperty] public string? QuietStart { get; set; }
    [BindProperty] public string? QuietEnd { get; set; }

    public string TimeZone { get; private set; } = "";
    public List<string> Problems { get; } = [];

    /// <summary>Set when the chosen time falls in quiet hours: the reminder comes at their end instead.</summary>
    public TimeOnly? MovedTo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var view = await editor.LoadAsync(User.PersonId(), ct);
        Enabled = view.Enabled;
        LocalTime = view.LocalTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        QuietStart = view.QuietStart?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        QuietEnd = view.QuietEnd?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        TimeZone = view.TimeZone;
        if (view.Enabled && ReminderTiming.IsQuiet(view.LocalTime, view.QuietStart, view.QuietEnd))
            MovedTo = view.QuietEnd;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var personId = User.PersonId();
        var problems = ModelState.IsValid
            ? await editor.SaveAsync(personId, new ReminderSettingsInput(Enabled, LocalTime, QuietStart, QuietEnd), ct)
            : [ReminderSettingsProblem.Unreadable];
        if (problems.Count == 0)
        {
            TempData["Flash"] = text[Enabled ? "Settings_SavedOn" : "Settings_SavedOff"].Value;
            return RedirectToPage();
        }
        Problems.AddRange(problems.Select(p => text[$"Settings_Problem_{p}"].Value));
        TimeZone = (await editor.LoadAsync(personId, ct)).TimeZone;
        Response.StatusCode = Refusal.StatusOf(problems);
        return Page();
    }
}
