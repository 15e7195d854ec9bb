using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Export;

/// <summary>Marker type for the export's text (the page, the email, the file's headings).</summary>
public sealed class ExportText;

/// <summary>/account/export: make a ZIP of everything that is yours, watch it being made, download it for 24 hours.</summary>
public sealed class IndexModel(Exports exports, TimeProvider clock) : PageModel
{
    public ExportStatus? Latest { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Latest = await exports.LatestAsync(User.PersonId(), ct);
        Now = clock.GetUtcNow();
        // While it is being made, the page looks again by itself every few seconds (the Refresh header needs no script).
        if (Latest is { InProgress: true })
            Response.Headers["Refresh"] = "3";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await exports.RequestAsync(User.PersonId(), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid id, CancellationToken ct) =>
        await exports.FileAsync(User.PersonId(), id, ct) is var (zip, readyAt)
            ? File(zip, "application/zip", $"corner-export-{readyAt:yyyy-MM-dd}.zip")
            : NotFound();
}
