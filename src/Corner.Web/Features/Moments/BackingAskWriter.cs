using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>What the asker writes: the day (a local date in their own time zone), the situation, and what would help.</summary>
public sealed record AskInput(Guid SubmissionId, DateOnly? OnDate, string? Situation, string? Help);

/// <summary>
/// Asks for backing ahead of a known day. The day is the asker's own local date: today or later, within a year.
/// The other member sees the ask on the space's home; once the day has passed they are invited to record how it went.
/// </summary>
public sealed class BackingAskWriter(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, PersonalDay day, TimeProvider clock,
    LiveEvents live, MomentNudges nudges)
{
    public const int MaxDaysAhead = 366;

    public static FieldAddress Field(Guid askId, string column) => new("backing_asks", column, askId);

    public async Task<(Created? Created, IReadOnlyList<MomentProblem> Problems)> AskAsync(
        Guid bondId, Guid askerId, AskInput input, CancellationToken ct = default)
    {
        var (isMember, supporterId) = await spaces.MembersAsync(bondId, askerId, ct);
        if (!isMember)
            return (null, [MomentProblem.NotFound]);
        if (input.SubmissionId == Guid.Empty)
            return (null, [MomentProblem.SubmissionMissing]);
        await db.LockSubmissionAsync(askerId, input.SubmissionId, ct);
        var earlier = await db.Set<BackingAsk>().AsNoTracking()
            .Where(a => a.AskerId == askerId && a.SubmissionId == input.SubmissionId)
            .Select(a => new { a.Id, a.BondId }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return earlier.BondId == bondId ? (new Created(earlier.Id, false), []) : (null, [MomentProblem.NotFound]);
        if (supporterId is not { } supporter)
            return (null, [MomentProblem.OtherNotHere]);

        var problems = new List<MomentProblem>();
        var today = await day.TodayAsync(askerId, ct);
        if (input.OnDate is not { } onDate)
            problems.Add(MomentProblem.DateMissing);
        else if (onDate < today)
            problems.Add(MomentProblem.DateInPast);
        else if (onDate.DayNumber - today.DayNumber > MaxDaysAhead)
            problems.Add(MomentProblem.DateTooFar);
        var situation = MomentTextRules.Normalize(input.Situation);
        var help = MomentTextRules.Normalize(input.Help);
        MomentTextRules.CheckSituation(situation, problems);
        MomentTextRules.Check(help, MomentTextRules.ShortMaxLength, problems);
        if (problems.Count > 0)
            return (null, problems);

        var ask = new BackingAsk
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            AskerId = askerId,
            SupporterId = supporter,
            OnDate = input.OnDate!.Value,
            SubmissionId = input.SubmissionId,
            CreatedAt = clock.GetUtcNow(),
        };
        ask.SituationCipher = await encryption.EncryptAsync(bondId, Field(ask.Id, "situation"), situation!, ct);
        ask.HelpCipher = help is null ? null : await encryption.EncryptAsync(bondId, Field(ask.Id, "help"), help, ct);
        db.Add(ask);
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, supporter, MomentKinds.BackingAsked, ask.Id, ct);
        await nudges.NudgeAsync(bondId, askerId, supporter, MomentKinds.BackingAsked, ask.Id, ct);
        return (new Created(ask.Id, true), []);
    }
}
