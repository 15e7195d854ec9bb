using System.Globalization;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.Reconnection;

/// <summary>The pause signal: send "I need a pause, I'll come back", see the countdown, answer when the time is up.</summary>
public sealed class PauseModel(PausePanelLoader loader, PauseSignal pauses, SpaceAccessor spaces, IStringLocalizer<ReconnectionText> text) : PageModel
{
    /// <summary>"20", "30", "60" or "own".</summary>
    [BindProperty] public string? Length { get; set; }

    /// <summary>Text, not a number, so "abc" or "1e9" come back as a clear message with the form as it was.</summary>
    [BindProperty] public string? OwnMinutes { get; set; }

    public PausePanelModel Panel { get; private set; } = null!;
    public bool OtherIsHere { get; private set; }
    public string? OtherName { get; private set; }
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        Length ??= "20";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid bondId, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        int? minutes = Length switch
        {
            "own" => int.TryParse(OwnMinutes?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var own) ? own : null,
            _ when int.TryParse(Length, NumberStyles.None, CultureInfo.InvariantCulture, out var chosen) && PauseSignal.SuggestedMinutes.Contains(chosen) => chosen,
            _ => null,
        };
        if (minutes is null)
            return Refuse(Length == "own" ? "Pause_Problem_OwnNotANumber" : "Pause_Problem_NoLength");
        var (pause, _, problem) = await pauses.StartAsync(bondId, User.PersonId(), minutes.Value, ct);
        switch (problem)
        {
            case PauseProblem.NotFound:
                return NotFound();
            case PauseProblem.LengthOutOfRange:
                return Refuse("Pause_Problem_LengthOutOfRange");
            case PauseProblem.AlreadyPaused:
                await LoadAsync(bondId, ct);
                return Refuse("Pause_Problem_AlreadyPaused", Refusal.StatusOf(PauseProblem.AlreadyPaused), pause?.StartedByName ?? "");
            case PauseProblem.NobodyToTell:
                return Refuse("Pause_Problem_NobodyToTell", Refusal.StatusOf(PauseProblem.NobodyToTell));
        }
        TempData["Flash"] = text["Pause_Sent", OtherName ?? ""].Value;
        return Redirect($"/spaces/{bondId}/pause");
    }

    public async Task<IActionResult> OnPostEndAsync(Guid bondId, Guid pauseId, CancellationToken ct)
    {
        if (await pauses.EndAsync(bondId, pauseId, User.PersonId(), ct) is not null)
            return NotFound();
        TempData["Flash"] = text["Pause_Ended"].Value;
        return Redirect($"/spaces/{bondId}/pause");
    }

    public async Task<IActionResult> OnPostReadyAsync(Guid bondId, Guid pauseId, CancellationToken ct)
    {
        var (pause, problem) = await pauses.ReadyAsync(bondId, pauseId, User.PersonId(), ct);
        if (problem == PauseProblem.NotFound)
            return NotFound();
        if (problem == PauseProblem.NotOverYet)
        {
            await LoadAsync(bondId, ct);
            return Refuse("Pause_Problem_NotOverYet", Refusal.StatusOf(PauseProblem.NotOverYet));
        }
        TempData["Flash"] = (pause is null ? text["Pause_BothReady"] : text["Pause_ReadySent", pause.OtherName]).Value;
        return Redirect(pause is null ? $"/spaces/{bondId}" : $"/spaces/{bondId}/pause");
    }

    public async Task<IActionResult> OnPostLongerAsync(Guid bondId, Guid pauseId, CancellationToken ct)
    {
        var (_, problem) = await pauses.LongerAsync(bondId, pauseId, User.PersonId(), ct);
        if (problem is not null)
            return NotFound();
        TempData["Flash"] = text["Pause_LongerSent", PauseSignal.LongerMinutes].Value;
        return Redirect($"/spaces/{bondId}/pause");
    }

    private IActionResult Refuse(string key, int status = StatusCodes.Status400BadRequest, params object[] arguments)
    {
        Problem = text[key, [.. arguments, PauseSignal.MinMinutes, PauseSignal.MaxMinutes]];
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Panel = (await loader.LoadAsync(bondId, personId, ct))!;
        OtherIsHere = bond.OtherName is not null && !bond.OtherLeft;
        OtherName = bond.OtherName;
        return true;
    }
}
