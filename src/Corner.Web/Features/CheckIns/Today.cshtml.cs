using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CheckIns;

/// <summary>Today's check-in: one per person per local day, shared into the spaces they choose.</summary>
public sealed class TodayModel(CheckInRecorder recorder, CheckInQueries queries, PersonalDay day, BondQueries bonds,
    IStringLocalizer<CheckInsText> text) : PageModel
{
    [BindProperty] public List<string> Surface { get; set; } = [];
    [BindProperty] public List<string> Underlying { get; set; } = [];
    [BindProperty] public int? Intensity { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<Guid> ShareWith { get; set; } = [];
    // Named explicitly: with no "Supported[...]" field posted (no spaces, say), MVC would otherwise bind the
    // whole form as this dictionary and fail on every other field's name; and an absent dictionary is fine.
    [BindProperty(Name = nameof(Supported))][ValidateNever] public Dictionary<Guid, int> Supported { get; set; } = [];
    [BindProperty(SupportsGet = true)] public Guid? Space { get; set; }

    public DateOnly Today { get; private set; }
    public bool AlreadyCheckedIn { get; private set; }
    public IReadOnlyList<BondSummary> Spaces { get; private set; } = [];
    public List<string> Problems { get; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var personId = User.PersonId();
        await LoadAsync(personId, ct);
        var mine = await queries.MineAsync(personId, Today, ct);
        if (mine is null)
        {
            // Coming from a space: offer to share there, but the person still decides.
            if (Space is { } space && Spaces.Any(s => s.Id == space))
                ShareWith = [space];
            return;
        }
        AlreadyCheckedIn = true;
        Surface = [.. mine.SurfaceFeelings];
        Underlying = [.. mine.UnderlyingFeelings];
        Intensity = mine.Intensity;
        Note = mine.Note;
        ShareWith = [.. mine.SupportedBySpace.Keys];
        Supported = mine.SupportedBySpace.ToDictionary(p => p.Key, p => p.Value);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var personId = User.PersonId();
        if (!ModelState.IsValid)
            Problems.Add(text["CheckIn_Problem_Unreadable"]);
        var input = new CheckInInput(Surface, Underlying, Intensity ?? 0, Note,
            ShareWith.Distinct().Select(id => new ShareChoice(id, Supported.GetValueOrDefault(id, 3))).ToList());
        if (Problems.Count == 0)
        {
            var (saved, problems) = await recorder.SaveAsync(personId, input, ct: ct);
            if (saved is not null)
            {
                TempData["Flash"] = text[saved.Created ? "CheckIn_Saved" : "CheckIn_Updated"].Value;
                return Space is { } space && ShareWith.Contains(space)
                    ? Redirect($"/spaces/{space}")
                    : RedirectToPage();
            }
            Problems.AddRange(problems.Select(p => text[$"CheckIn_Problem_{p}", CheckInRecorder.NoteMaxLength].Value));
        }
        await LoadAsync(personId, ct);
        AlreadyCheckedIn = await queries.MineAsync(personId, Today, ct) is not null;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(Guid personId, CancellationToken ct)
    {
        // The spaces first: their read brings the person's time zone along, so the day costs no query of its own.
        Spaces = (await bonds.ListForPersonAsync(personId, ct)).Where(b => b.OtherName is not null && !b.OtherLeft).ToList();
        Today = await day.TodayAsync(personId, ct);
    }
}
