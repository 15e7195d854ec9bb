using System.Globalization;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Counsel;

/// <summary>What a proposal form holds, as typed: dates stay text so a malformed one is shown back, not lost.</summary>
public sealed class GrantForm
{
    public string? Email { get; set; }
    public List<string> Scopes { get; set; } = [];
    public string? VisibleFrom { get; set; }
    public string? VisibleUntil { get; set; }
    public string? ExpiresOn { get; set; }
    public string? ShownAs { get; set; }
    public string? Purpose { get; set; }

    public GrantInput ToInput() => new(Email, Scopes, Date(VisibleFrom), Date(VisibleUntil), Date(ExpiresOn), ShownAs, Purpose);

    public static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// The space's counsellor page, for its members: propose a grant, say yes to one, change or end it, and see every
/// time a counsellor looked.
/// </summary>
public sealed class SpaceCounselModel(CounselGrants grants, CounselSuggestions suggestions, CounselEmails emails, SpaceAccessor spaces,
    PersonalDay day, IStringLocalizer<CounselText> text) : PageModel
{
    public BondSummary Bond { get; private set; } = null!;
    public string TimeZone { get; private set; } = "Etc/UTC";
    public DateOnly Today { get; private set; }
    public IReadOnlyList<GrantView> Grants { get; private set; } = [];
    public IReadOnlyList<GrantRead> Reads { get; private set; } = [];
    public IReadOnlyList<SuggestionView> Suggestions { get; private set; } = [];

    [BindProperty] public GrantForm Form { get; set; } = new();

    /// <summary>The grant being changed (?change=id), or null for a new proposal.</summary>
    [BindProperty(SupportsGet = true)] public Guid? Change { get; set; }
    [BindProperty] public int BaseVersion { get; set; }

    /// <summary>Set only in the response to the POST that made the link.</summary>
    public string? NewLink { get; private set; }
    public string? Problem { get; private set; }

    public GrantView? Changing => Change is { } id ? Grants.FirstOrDefault(g => g.Id == id && g.IsOpen) : null;

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        if (Changing is { } grant)
        {
            Form = new GrantForm
            {
                Scopes = [.. grant.Scopes],
                VisibleFrom = GrantForm.Text(grant.VisibleFrom),
                VisibleUntil = grant.VisibleUntil is { } until ? GrantForm.Text(until) : null,
                ExpiresOn = GrantForm.Text(DateOnly.FromDateTime(LocalTime.In(grant.ExpiresAt, TimeZone).DateTime).AddDays(-1)),
                ShownAs = grant.ShownAs,
                Purpose = grant.Purpose,
            };
            BaseVersion = grant.Version;
        }
        else
        {
            Change = null;
            var names = await spaces.MemberNamesAsync(bondId, ct);
            Form = new GrantForm
            {
                Scopes = [CounselScopes.Trends],
                VisibleFrom = GrantForm.Text(Today.AddDays(-28)),
                ExpiresOn = GrantForm.Text(Today.AddDays(CounselGrants.DefaultDays)),
                ShownAs = Bond.OtherName is { } other && names.TryGetValue(User.PersonId(), out var mine)
                    ? text["Form_ShownAsDefault", mine, other]
                    : Bond.Name,
            };
        }
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(Guid bondId, CancellationToken ct)
    {
        Change = null;
        var (proposed, problems) = await grants.ProposeAsync(User.PersonId(), bondId, Form.ToInput(), ct);
        if (problems.Any(p => p.Problem == GrantProblem.NotFound))
            return NotFound();
        if (problems.Count > 0)
            return await RefuseAsync(bondId, problems, ct);
        NewLink = emails.Link(proposed!.Token);
        TempData["Flash"] = text["Flash_Proposed"].Value;
        var sentTo = Form.Email;
        Form = new GrantForm();
        ModelState.Clear();
        Problem = null;
        ViewData["SentTo"] = sentTo;
        return await LoadAsync(bondId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostChangeAsync(Guid bondId, CancellationToken ct)
    {
        if (Change is not { } grantId)
            return NotFound();
        var problems = await grants.ChangeAsync(User.PersonId(), bondId, grantId, BaseVersion, Form.ToInput(), ct);
        if (problems.Any(p => p.Problem == GrantProblem.NotFound))
            return NotFound();
        if (problems.Count > 0)
            return await RefuseAsync(bondId, problems, ct);
        TempData["Flash"] = text["Flash_Changed"].Value;
        return Redirect($"/spaces/{bondId}/counsellor");
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid bondId, Guid grantId, int version, CancellationToken ct)
    {
        var problem = await grants.ConsentAsync(User.PersonId(), bondId, grantId, version, ct);
        if (problem is GrantProblem.NotFound)
            return NotFound();
        if (problem is { } p)
            return await RefuseAsync(bondId, [("", p)], ct);
        TempData["Flash"] = text["Flash_Consented"].Value;
        return Redirect($"/spaces/{bondId}/counsellor");
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid bondId, Guid grantId, CancellationToken ct)
    {
        if (await grants.RevokeAsync(User.PersonId(), bondId, grantId, ct) is GrantProblem.NotFound)
            return NotFound();
        TempData["Flash"] = text["Flash_Revoked"].Value;
        return Redirect($"/spaces/{bondId}/counsellor");
    }

    public Task<IActionResult> OnPostTriedAsync(Guid bondId, Guid suggestionId, CancellationToken ct) =>
        SuggestionAsync(bondId, suggestions.TriedAsync(User.PersonId(), bondId, suggestionId, ct), "Flash_Tried", ct);

    public Task<IActionResult> OnPostDoneAsync(Guid bondId, Guid suggestionId, CancellationToken ct) =>
        SuggestionAsync(bondId, suggestions.CloseAsync(User.PersonId(), bondId, suggestionId, CounselSuggestions.Done, ct), "Flash_Done", ct);

    public Task<IActionResult> OnPostDismissAsync(Guid bondId, Guid suggestionId, CancellationToken ct) =>
        SuggestionAsync(bondId, suggestions.CloseAsync(User.PersonId(), bondId, suggestionId, CounselSuggestions.Dismissed, ct), "Flash_Dismissed", ct);

    private async Task<IActionResult> SuggestionAsync(Guid bondId, Task<SuggestionProblem?> change, string flash, CancellationToken ct)
    {
        switch (await change)
        {
            case SuggestionProblem.NotFound:
                return NotFound();
            case { } problem:
                Problem = text[$"Suggestion_Problem_{problem}"];
                Response.StatusCode = Refusal.StatusOf(problem);
                return await LoadAsync(bondId, ct) ? Page() : NotFound();
            default:
                TempData["Flash"] = text[flash].Value;
                return Redirect($"/spaces/{bondId}/counsellor#suggestion");
        }
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public string Message(GrantProblem problem) => text[$"Problem_{problem}", CounselGrants.MaxDays, CounselGrants.ShownAsMaxLength, CounselGrants.PurposeMaxLength];

    /// <summary>Shows the form again with what was typed and a message by each field; the status says why.</summary>
    private async Task<IActionResult> RefuseAsync(Guid bondId, IReadOnlyList<(string Field, GrantProblem Problem)> problems, CancellationToken ct)
    {
        ModelState.Clear();
        foreach (var (field, problem) in problems)
        {
            if (field.Length == 0)
                Problem = Message(problem);
            else
                ModelState.AddModelError("Form." + field, Message(problem));
        }
        Response.StatusCode = Refusal.StatusOf(problems.Select(p => p.Problem));
        return await LoadAsync(bondId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        TimeZone = await day.ZoneAsync(personId, ct);
        Today = await day.TodayAsync(personId, ct);
        if (await grants.ListAsync(personId, bondId, ct) is not var (list, reads))
            return false;
        Grants = list;
        Reads = reads;
        Suggestions = await suggestions.ForMembersAsync(personId, bondId, ct);
        return true;
    }
}
