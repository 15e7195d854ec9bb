using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>Why a change in Moments was refused: [NotFound] answers 404, [Conflict] 409, the rest are the person's to fix (400); see <see cref="Refusal"/>.</summary>
public enum MomentProblem
{
    [NotFound]
    NotFound,
    SubmissionMissing,
    [Conflict]
    OtherNotHere,
    SituationMissing,
    SituationTooLong,
    TextTooLong,
    ControlCharacters,
    NoStepWritten,
    [Conflict]
    AskNotDueYet,
    [Conflict]
    AskAlreadyRecorded,
    UnknownAnswer,
    [Conflict]
    AlreadyAnswered,
    ReinforceMissing,
    [Conflict]
    AlreadyReinforced,
    DateMissing,
    DateInPast,
    DateTooFar,
    UnknownSide,
    UnknownReason,
    ResponseMissing,
    [Conflict]
    AlreadyResponded,
    [Conflict]
    NotRespondedYet,
}

/// <summary>The outcome of a create: the row's id, whether this call made it (false for a repeated submit), or the problems.</summary>
public sealed record Created(Guid Id, bool IsNew);

/// <summary>Free text in Moments: trimmed, line endings made plain, length and control characters checked.</summary>
public static class MomentTextRules
{
    public const int SituationMaxLength = 200;
    public const int StepMaxLength = 2000;
    public const int ShortMaxLength = 1000;

    public static string? Normalize(string? text)
    {
        var trimmed = text?.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>Adds a problem when <paramref name="text"/> (already normalised) is too long or holds a control character.</summary>
    public static void Check(string? text, int maxLength, List<MomentProblem> problems)
    {
        if (text is null)
            return;
        if (text.Length > maxLength && !problems.Contains(MomentProblem.TextTooLong))
            problems.Add(MomentProblem.TextTooLong);
        if (FreeText.HasControlCharacters(text) && !problems.Contains(MomentProblem.ControlCharacters))
            problems.Add(MomentProblem.ControlCharacters);
    }

    public static void CheckSituation(string? situation, List<MomentProblem> problems)
    {
        if (situation is null)
            problems.Add(MomentProblem.SituationMissing);
        else if (situation.Length > SituationMaxLength)
            problems.Add(MomentProblem.SituationTooLong);
        Check(situation, int.MaxValue, problems);
    }
}

/// <summary>Small shared look-ups for the Moments handlers.</summary>
public static class MomentDb
{
    /// <summary>Serialises submits with the same idempotency key, so a double submit finds the first one's row.</summary>
    public static Task LockSubmissionAsync(this CornerDbContext db, Guid personId, Guid submissionId, CancellationToken ct) =>
        db.TakeTurnsAsync($"submission:{personId}:{submissionId}", ct);
}
