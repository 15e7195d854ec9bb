using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Features.Counsel;

/// <summary>A counsellor's home: the couples who chose to show them part of their space.</summary>
public sealed class DeskModel(CounselDesk desk, Shared.PersonalDay day) : PageModel
{
    public IReadOnlyList<DeskItem> Items { get; private set; } = [];
    public bool TwoStep { get; private set; }
    public string TimeZone { get; private set; } = "Etc/UTC";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var personId = User.PersonId();
        (Items, TwoStep) = await desk.ListAsync(personId, ct);
        TimeZone = await day.ZoneAsync(personId, ct);
    }
}
