using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>What the supporter writes: a few words naming the situation, and the first three steps.</summary>
public sealed record MomentInput(Guid SubmissionId, Guid? AskId, string? Situation, string? Noticed, string? Sided, string? Action);

/// <summary>
/// The five steps of a moment. The supporter records the first three (at least one of them, so there is
/// something to check in on); only the backed person answers the check-in; only the supporter sends the
/// closing word, once the moment exists, whether or not the answer has come.
/// </summary>
public sealed class MomentWriter(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, PersonalDay day, TimeProvider clock,
    LiveEvents live, MomentNudges nudges)
{
    public const string Yes = "yes";
    public const string Partly = "partly";
    public const string NotReally = "not_really";
    public static readonly string[] Answers = [Yes, Partly, NotReally];

    public static FieldAddress Field(Guid momentId, string column) => new("moments", column, momentId);

    public async Task<(Created? Created, IReadOnlyList<MomentProblem> Problems)> RecordAsync(
        Guid bondId, Guid supporterId, MomentInput input, CancellationToken ct = default)
    {
        var (isMember, backedId) = await spaces.MembersAsync(bondId, supporterId, ct);
        if (!isMember)
            return (null, [MomentProblem.NotFound]);
        if (input.SubmissionId == Guid.Empty)
            return (null, [MomentProblem.SubmissionMissing]);
        await db.LockSubmissionAsync(supporterId, input.SubmissionId, ct);
        var earlier = await db.Set<Moment>().AsNoTracking()
            .Where(m => m.SupporterId == supporterId && m.SubmissionId == input.SubmissionId)
            .Select(m => new { m.Id, m.BondId }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return earlier.BondId == bondId ? (new Created(earlier.Id, false), []) : (null, [MomentProblem.NotFound]);

        var problems = new List<MomentProblem>();
        if (backedId is not { } backed)
            return (null, [MomentProblem.OtherNotHere]);
        var situation = MomentTextRules.Normalize(input.Situation);
        var noticed = MomentTextRules.Normalize(input.Noticed);
        var sided = MomentTextRules.Normalize(input.Sided);
        var action = MomentTextRules.Normalize(input.Action);
        MomentTextRules.CheckSituation(situation, problems);
        foreach (var step in new[] { noticed, sided, action })
            MomentTextRules.Check(step, MomentTextRules.StepMaxLength, problems);
        if (noticed is null && sided is null && action is null)
            problems.Add(MomentProblem.NoStepWritten);

        if (input.AskId is { } askId)
        {
            // Only an ask the other person made of this supporter, in this space.
            var ask = await db.Set<BackingAsk>().AsNoTracking()
                .FirstOrDefaultAsync(a => a.Id == askId && a.BondId == bondId && a.AskerId == backed && a.SupporterId == supporterId, ct);
            if (ask is null)
                return (null, [MomentProblem.NotFound]);
            if (await day.TodayAsync(ask.AskerId, ct) < ask.OnDate)
                problems.Add(MomentProblem.AskNotDueYet);
            if (await db.Set<Moment>().AnyAsync(m => m.AskId == askId, ct))
                problems.Add(MomentProblem.AskAlreadyRecorded);
        }
        if (problems.Count > 0)
            return (null, problems);

        var moment = new Moment
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            SupporterId = supporterId,
            BackedId = backed,
            AskId = input.AskId,
            SubmissionId = input.SubmissionId,
            RecordedAt = clock.GetUtcNow(),
        };
        moment.SituationCipher = await encryption.EncryptAsync(bondId, Field(moment.Id, "situation"), situation!, ct);
        moment.NoticedCipher = await EncryptAsync(bondId, moment.Id, "noticed", noticed, ct);
        moment.SidedCipher = await EncryptAsync(bondId, moment.Id, "sided", sided, ct);
        moment.ActionCipher = await EncryptAsync(bondId, moment.Id, "action", action, ct);
        db.Add(moment);
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, backed, MomentKinds.MomentRecorded, moment.Id, ct);
        await nudges.NudgeAsync(bondId, supporterId, backed, MomentKinds.MomentRecorded, moment.Id, ct);
        return (new Created(moment.Id, true), []);
    }

    /// <summary>Step 4: the backed person answers "did that help?" and, if they like, what more could have helped.
    /// Sending the same answer again changes nothing.</summary>
    public async Task<MomentProblem?> AnswerAsync(Guid bondId, Guid momentId, Guid backedId, string? answer, string? more, CancellationToken ct = default)
    {
        var moment = await db.Set<Moment>()
            .FirstOrDefaultAsync(m => m.Id == momentId && m.BondId == bondId && m.BackedId == backedId, ct);
        if (moment is null || !await spaces.IsMemberAsync(bondId, backedId, ct))
            return MomentProblem.NotFound;
        if (answer is null || !Answers.Contains(answer))
            return MomentProblem.UnknownAnswer;
        var text = MomentTextRules.Normalize(more);
        var problems = new List<MomentProblem>();
        MomentTextRules.Check(text, MomentTextRules.ShortMaxLength, problems);
        if (problems.Count > 0)
            return problems[0];
        if (moment.Answer is not null)
            return moment.Answer == answer && text == await DecryptAsync(bondId, moment.Id, "more", moment.MoreCipher, ct)
                ? null : MomentProblem.AlreadyAnswered;

        moment.Answer = answer;
        moment.MoreCipher = await EncryptAsync(bondId, moment.Id, "more", text, ct);
        moment.AnsweredAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, moment.SupporterId, MomentKinds.MomentAnswered, moment.Id, ct);
        if (moment.ReinforcedAt is null)
            await nudges.NudgeAsync(bondId, backedId, moment.SupporterId, MomentKinds.MomentAnswered, moment.Id, ct);
        return null;
    }

    /// <summary>Step 5: the supporter's closing word, which the backed person sees. Sent once; the same words again change nothing.</summary>
    public async Task<MomentProblem?> ReinforceAsync(Guid bondId, Guid momentId, Guid supporterId, string? words, CancellationToken ct = default)
    {
        var moment = await db.Set<Moment>()
            .FirstOrDefaultAsync(m => m.Id == momentId && m.BondId == bondId && m.SupporterId == supporterId, ct);
        if (moment is null || !await spaces.IsMemberAsync(bondId, supporterId, ct))
            return MomentProblem.NotFound;
        var text = MomentTextRules.Normalize(words);
        if (text is null)
            return MomentProblem.ReinforceMissing;
        var problems = new List<MomentProblem>();
        MomentTextRules.Check(text, MomentTextRules.ShortMaxLength, problems);
        if (problems.Count > 0)
            return problems[0];
        if (moment.ReinforceCipher is not null)
            return text == await DecryptAsync(bondId, moment.Id, "reinforce", moment.ReinforceCipher, ct) ? null : MomentProblem.AlreadyReinforced;

        moment.ReinforceCipher = await EncryptAsync(bondId, moment.Id, "reinforce", text, ct);
        moment.ReinforcedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, moment.BackedId, MomentKinds.MomentReinforced, moment.Id, ct);
        return null;
    }

    private async Task<byte[]?> EncryptAsync(Guid bondId, Guid momentId, string column, string? text, CancellationToken ct) =>
        text is null ? null : await encryption.EncryptAsync(bondId, Field(momentId, column), text, ct);

    private async Task<string?> DecryptAsync(Guid bondId, Guid momentId, string column, byte[]? cipher, CancellationToken ct) =>
        cipher is null ? null : await encryption.DecryptAsync(bondId, Field(momentId, column), cipher, ct);
}

/// <summary>The live event kinds Moments sends (ids only). Each has a data-text-… announcement in the layout.</summary>
public static class MomentKinds
{
    public const string MomentRecorded = "moment_recorded";
    public const string MomentAnswered = "moment_answered";
    public const string MomentReinforced = "moment_reinforced";
    public const string BackingAsked = "backing_asked";
    public const string MissedMoment = "missed_moment";
    public const string MissedResponse = "missed_response";
    public const string MissedRepaired = "missed_repaired";
}
