using Corner.Web.Data;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Moments;

/// <summary>A missed moment as its writer tells it: from which side, what happened, and (optionally) why it was missed.</summary>
public sealed record MissedMomentInput(Guid SubmissionId, string? Side, string? What, IReadOnlyList<string> Reasons, string? Reflection);

/// <summary>
/// Missed moments and their repair (P8). Either member writes one, from either side; the other member
/// responds; each marks it repaired once there has been a response, and it is repaired when both have.
/// </summary>
public sealed class MissedMomentWriter(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, TimeProvider clock, LiveEvents live, MomentNudges nudges)
{
    public const string WishYouHad = "wish_you_had";
    public const string ShouldHave = "should_have";
    public static readonly string[] Sides = [WishYouHad, ShouldHave];

    /// <summary>Common reasons a moment slips by, in plain words (no blame): the writer may pick any.</summary>
    public static readonly string[] Reasons = ["stress", "assumed_fine", "avoided_conflict", "feeling_not_action"];

    public static FieldAddress Field(Guid missedId, string column) => new("missed_moments", column, missedId);

    public async Task<(Created? Created, IReadOnlyList<MomentProblem> Problems)> WriteAsync(
        Guid bondId, Guid authorId, MissedMomentInput input, CancellationToken ct = default)
    {
        var (isMember, otherId) = await spaces.MembersAsync(bondId, authorId, ct);
        if (!isMember)
            return (null, [MomentProblem.NotFound]);
        if (input.SubmissionId == Guid.Empty)
            return (null, [MomentProblem.SubmissionMissing]);
        await db.LockSubmissionAsync(authorId, input.SubmissionId, ct);
        var earlier = await db.Set<MissedMoment>().AsNoTracking()
            .Where(m => m.AuthorId == authorId && m.SubmissionId == input.SubmissionId)
            .Select(m => new { m.Id, m.BondId }).FirstOrDefaultAsync(ct);
        if (earlier is not null)
            return earlier.BondId == bondId ? (new Created(earlier.Id, false), []) : (null, [MomentProblem.NotFound]);
        if (otherId is not { } other)
            return (null, [MomentProblem.OtherNotHere]);

        var problems = new List<MomentProblem>();
        if (input.Side is null || !Sides.Contains(input.Side))
            problems.Add(MomentProblem.UnknownSide);
        var what = MomentTextRules.Normalize(input.What);
        var reflection = MomentTextRules.Normalize(input.Reflection);
        if (what is null)
            problems.Add(MomentProblem.SituationMissing);
        MomentTextRules.Check(what, MomentTextRules.StepMaxLength, problems);
        MomentTextRules.Check(reflection, MomentTextRules.StepMaxLength, problems);
        if (input.Reasons.Any(r => !Reasons.Contains(r)))
            problems.Add(MomentProblem.UnknownReason);
        if (problems.Count > 0)
            return (null, problems);

        var missed = new MissedMoment
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            AuthorId = authorId,
            OtherId = other,
            Side = input.Side!,
            Reasons = Reasons.Where(input.Reasons.Contains).ToArray(),
            SubmissionId = input.SubmissionId,
            CreatedAt = clock.GetUtcNow(),
        };
        missed.WhatCipher = await encryption.EncryptAsync(bondId, Field(missed.Id, "what"), what!, ct);
        missed.ReflectionCipher = reflection is null ? null : await encryption.EncryptAsync(bondId, Field(missed.Id, "reflection"), reflection, ct);
        db.Add(missed);
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, other, MomentKinds.MissedMoment, missed.Id, ct);
        await nudges.NudgeAsync(bondId, authorId, other, MomentKinds.MissedMoment, missed.Id, ct);
        return (new Created(missed.Id, true), []);
    }

    /// <summary>The other member responds, once; the same words again change nothing.</summary>
    public async Task<MomentProblem?> RespondAsync(Guid bondId, Guid missedId, Guid responderId, string? words, CancellationToken ct = default)
    {
        var missed = await db.Set<MissedMoment>()
            .FirstOrDefaultAsync(m => m.Id == missedId && m.BondId == bondId && m.OtherId == responderId, ct);
        if (missed is null || !await spaces.IsMemberAsync(bondId, responderId, ct))
            return MomentProblem.NotFound;
        var text = MomentTextRules.Normalize(words);
        if (text is null)
            return MomentProblem.ResponseMissing;
        var problems = new List<MomentProblem>();
        MomentTextRules.Check(text, MomentTextRules.StepMaxLength, problems);
        if (problems.Count > 0)
            return problems[0];
        if (missed.ResponseCipher is not null)
            return text == await encryption.DecryptAsync(bondId, Field(missed.Id, "response"), missed.ResponseCipher, ct)
                ? null : MomentProblem.AlreadyResponded;

        missed.ResponseCipher = await encryption.EncryptAsync(bondId, Field(missed.Id, "response"), text, ct);
        missed.RespondedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, missed.AuthorId, MomentKinds.MissedResponse, missed.Id, ct);
        return null;
    }

    /// <summary>Either member marks it repaired from their side, after the response. Marking again changes nothing.</summary>
    public async Task<MomentProblem?> MarkRepairedAsync(Guid bondId, Guid missedId, Guid personId, CancellationToken ct = default)
    {
        var missed = await db.Set<MissedMoment>()
            .FirstOrDefaultAsync(m => m.Id == missedId && m.BondId == bondId && (m.AuthorId == personId || m.OtherId == personId), ct);
        if (missed is null || !await spaces.IsMemberAsync(bondId, personId, ct))
            return MomentProblem.NotFound;
        if (missed.RespondedAt is null)
            return MomentProblem.NotRespondedYet;
        var now = clock.GetUtcNow();
        var isAuthor = missed.AuthorId == personId;
        if ((isAuthor ? missed.AuthorRepairedAt : missed.OtherRepairedAt) is not null)
            return null;
        if (isAuthor)
            missed.AuthorRepairedAt = now;
        else
            missed.OtherRepairedAt = now;
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, isAuthor ? missed.OtherId : missed.AuthorId, MomentKinds.MissedRepaired, missed.Id, ct);
        return null;
    }
}
