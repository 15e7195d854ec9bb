using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CycleMap;

/// <summary>A member's own half of the cycle, in guided steps on one page: saved as a draft, shared when they are ready.</summary>
public sealed class MyHalfModel(SpaceAccessor spaces, CycleMapQueries queries, CycleHalfWriter writer, IStringLocalizer<CycleMapText> text) : PageModel
{
    [BindProperty] public List<string> Behaviours { get; set; } = [];
    [BindProperty] public string? Trigger { get; set; }
    [BindProperty] public string? Reaction { get; set; }
    [BindProperty] public string? Surface { get; set; }
    [BindProperty] public string? Underneath { get; set; }
    [BindProperty] public string? Need { get; set; }
    [BindProperty] public string? ToKnow { get; set; }

    /// <summary>Which button was pressed: "share" shares the half; anything else saves it as it is (a draft stays a draft).</summary>
    [BindProperty] public string? Then { get; set; }

    public BondSummary Bond { get; private set; } = null!;
    public bool Exists { get; private set; }
    public bool Shared { get; private set; }
    public List<(string? Field, string Message)> Problems { get; } = [];

    public string OtherName => Bond.OtherName ?? text["OtherPerson"];

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var map = await queries.MapAsync(bondId, User.PersonId(), Bond.OtherName, ct);
        if (map.Mine is { } mine)
        {
            Behaviours = [.. mine.Behaviours];
            (Trigger, Reaction, Surface, Underneath, Need, ToKnow) = (mine.Trigger, mine.Reaction, mine.Surface, mine.Underneath, mine.Need, mine.ToKnow);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var share = Then == "share" ? true : (bool?)null;
        var input = new CycleHalfInput(Behaviours.Distinct().ToList(), Trigger, Reaction, Surface, Underneath, Need, ToKnow);
        var (saved, issues) = ModelState.IsValid
            ? await writer.SaveAsync(bondId, User.PersonId(), input, share, ct)
            : (null, [new(CycleHalfProblem.TextHasControlCharacters)]);
        if (issues.Any(i => i.Problem == CycleHalfProblem.NotFound))
            return NotFound();
        if (saved is not null)
        {
            TempData["Flash"] = text[saved.Shared ? (share == true ? "Half_SharedNow" : "Half_SavedShared") : "Half_SavedDraft", OtherName].Value;
            return Redirect($"/spaces/{bondId}/cycle");
        }
        foreach (var issue in issues)
            Problems.Add((issue.Field, text[$"Half_Problem_{issue.Problem}", FieldName(issue.Field), CycleHalfWriter.TextMaxLength].Value));
        Response.StatusCode = Refusal.StatusOf(issues.Select(i => i.Problem));
        return Page();
    }

    /// <summary>Takes a shared half back to a private draft; the words stay, only the writer sees them.</summary>
    public async Task<IActionResult> OnPostUnshareAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var (saved, _) = await writer.SetSharedAsync(bondId, User.PersonId(), share: false, ct);
        if (saved is null)
            return NotFound();
        TempData["Flash"] = text["Half_Unshared", OtherName].Value;
        return Redirect($"/spaces/{bondId}/cycle/my-half");
    }

    /// <summary>The id of a field's input on the page, for links from the problem list.</summary>
    public static string InputId(string field) => char.ToUpperInvariant(field[0]) + field[1..];

    public bool HasProblem(string field) => Problems.Any(p => p.Field == field);

    private string FieldName(string? field) => field is null ? "" : text[$"Field_{field}"];

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        if (await spaces.FindForMemberAsync(bondId, User.PersonId(), ct) is not { } bond)
            return false;
        Bond = bond;
        var status = await queries.StatusAsync(bondId, User.PersonId(), ct);
        Exists = status.MineStarted;
        Shared = status.MineShared;
        return true;
    }
}
