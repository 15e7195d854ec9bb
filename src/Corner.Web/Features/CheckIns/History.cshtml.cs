using Corner.Web.Features.Bonds;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.CheckIns;

/// <summary>A space's shared check-ins for a week or a month, with reflections and their answers.</summary>
public sealed class HistoryModel(CheckInQueries queries, ReflectionWriter reflections, PersonalDay day, SpaceAccessor spaces,
    LiveUnread unread, TimeProvider clock, CheckInTakeBack takeBack, IStringLocalizer<CheckInsText> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string View { get; set; } = "week";
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }

    private static readonly DateOnly Earliest = new(2000, 1, 1);

    public BondSummary Bond { get; private set; } = null!;
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public DateOnly Today { get; private set; }
    public IReadOnlyList<SharedCheckIn> CheckIns { get; private set; } = [];
    public CheckInRhythm Rhythm { get; private set; } = new(0, 0, 0, 0, 0);
    public string? Problem { get; private set; }
    public Guid? ProblemCheckIn { get; private set; }
    public string? TypedWords { get; private set; }
    public string? TypedFeeling { get; private set; }

    /// <summary>When this page began to be read: what arrived after it still counts as new once it is marked seen.</summary>
    public DateTimeOffset OpenedAt { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid bondId, CancellationToken ct) =>
        await LoadAsync(bondId, ct) ? Page() : NotFound();

    /// <summary>The person has been shown this space's check-ins as they were at <paramref name="at"/> (posted by the
    /// page as soon as it is shown; see <see cref="Shared.PostOnView"/>). A time ahead of now counts as now.</summary>
    public async Task<IActionResult> OnPostSeenAsync(Guid bondId, DateTimeOffset? at, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await unread.MarkSeenAsync(User.PersonId(), bondId, at is { } given && given < now ? given : now, ct);
        return Redirect($"/spaces/{bondId}/check-ins?view={View}&date={Date:yyyy-MM-dd}");
    }

    public async Task<IActionResult> OnPostReflectAsync(Guid bondId, Guid checkInId, string? feeling, string? words, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var (id, problem) = await reflections.ReflectAsync(bondId, checkInId, User.PersonId(), feeling ?? "", words, ct);
        if (problem == ReflectionProblem.NotFound)
            return NotFound();
        if (problem is { } p)
        {
            Problem = text[$"Reflection_Problem_{p}", ReflectionWriter.WordsMaxLength];
            ProblemCheckIn = checkInId;
            TypedWords = words;
            TypedFeeling = feeling;
            Response.StatusCode = Refusal.StatusOf(p);
            return Page();
        }
        TempData["Flash"] = text["Reflection_Sent"].Value;
        return Redirect($"/spaces/{bondId}/check-ins?view={View}&date={Date:yyyy-MM-dd}#check-in-{checkInId}");
    }

    public async Task<IActionResult> OnPostAnswerAsync(Guid bondId, Guid reflectionId, string? answer, CancellationToken ct)
    {
        if (!await LoadAsync(bondId, ct))
            return NotFound();
        var problem = await reflections.AnswerAsync(bondId, reflectionId, User.PersonId(), answer ?? "", ct);
        if (problem == ReflectionProblem.NotFound)
            return NotFound();
        if (problem is not null)
            return BadRequest();
        TempData["Flash"] = text[answer == ReflectionWriter.Yes ? "Reflection_AnsweredYes" : "Reflection_AnsweredNotQuite"].Value;
        return Redirect($"/spaces/{bondId}/check-ins?view={View}&date={Date:yyyy-MM-dd}");
    }

    /// <summary>"Stop sharing": the confirmation is the second button inside the check-in's details (no JavaScript needed).</summary>
    public async Task<IActionResult> OnPostStopSharingAsync(Guid bondId, Guid checkInId, CancellationToken ct)
    {
        if (!await takeBack.StopSharingAsync(bondId, checkInId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = text["TakeBack_StoppedSharing"].Value;
        return Redirect($"/spaces/{bondId}/check-ins?view={View}&date={Date:yyyy-MM-dd}");
    }

    public async Task<IActionResult> OnPostTakeBackNoteAsync(Guid bondId, Guid checkInId, CancellationToken ct)
    {
        if (!await takeBack.TakeBackNoteAsync(bondId, checkInId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = text["TakeBack_NoteTakenBack"].Value;
        return Redirect($"/spaces/{bondId}/check-ins?view={View}&date={Date:yyyy-MM-dd}#check-in-{checkInId}");
    }

    public async Task<IActionResult> OnPostTakeBackReflectionAsync(Guid bondId, Guid reflectionId, CancellationToken ct)
    {
        if (!await takeBack.TakeBackReflectionAsync(bondId, reflectionId, User.PersonId(), ct))
            return NotFound();
        TempData["Flash"] = text["TakeBack_ReflectionTakenBack"].Value;
        return Redirect($"/spaces/{bondId}/check-ins?view={View}&date={Date:yyyy-MM-dd}");
    }

    private async Task<bool> LoadAsync(Guid bondId, CancellationToken ct)
    {
        var personId = User.PersonId();
        if (await spaces.FindForMemberAsync(bondId, personId, ct) is not { } bond)
            return false;
        Bond = bond;
        Today = await day.TodayAsync(personId, ct);
        View = View == "month" ? "month" : "week";
        // Clamp the asked-for day: an extreme date (0001-01-01, 9999-12-31) would overflow the period arithmetic.
        var anchor = Date is { } asked && asked >= Earliest && asked <= Today ? asked : Today;
        if (View == "month")
        {
            FirstDay = new DateOnly(anchor.Year, anchor.Month, 1);
            LastDay = FirstDay.AddMonths(1).AddDays(-1);
        }
        else
        {
            // Weeks start on Monday.
            FirstDay = anchor.AddDays(-(((int)anchor.DayOfWeek + 6) % 7));
            LastDay = FirstDay.AddDays(6);
        }
        Date = anchor;
        CheckIns = await queries.SharedInBondAsync(bondId, personId, FirstDay, LastDay, ct);
        Rhythm = await queries.RhythmAsync(bondId, personId, FirstDay, LastDay, ct);
        return true;
    }

    /// <summary>The day being looked at: switching between week and month keeps it in view (a week may start last month).</summary>
    public DateOnly Day => Date ?? Today;

    public DateOnly Previous => View == "month" ? FirstDay.AddMonths(-1) : FirstDay.AddDays(-7);
    public DateOnly Next => View == "month" ? FirstDay.AddMonths(1) : FirstDay.AddDays(7);
}
