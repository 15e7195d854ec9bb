using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CheckIns;

public enum ReflectionProblem
{
    [NotFound]
    NotFound,
    UnknownFeeling,
    WordsTooLong,
    WordsHaveControlCharacters,
    [Conflict]
    AlreadyReflected,
    UnknownAnswer,
}

/// <summary>
/// The other member's reflection on a shared check-in ("sounds like that left you feeling …"), and the
/// author's answer to it. Only the other member reflects; only the author answers.
/// </summary>
public sealed class ReflectionWriter(CornerDbContext db, FieldEncryption encryption, TimeProvider clock, LiveEvents live)
{
    public const int WordsMaxLength = 500;
    public const string Yes = "yes";
    public const string NotQuite = "not_quite";

    public static FieldAddress WordsField(Guid reflectionId) => new("reflections", "words", reflectionId);

    public async Task<(Guid? ReflectionId, ReflectionProblem? Problem)> ReflectAsync(
        Guid bondId, Guid checkInId, Guid reflectorId, string feeling, string? words, CancellationToken ct = default)
    {
        // The share must be in this bond, the reflector a current member, and not the author.
        var share = await db.Set<CheckInShare>().AsNoTracking()
            .Where(s => s.BondId == bondId && s.CheckInId == checkInId && s.PersonId != reflectorId)
            .Where(s => db.BondMembers.Any(m => m.BondId == bondId && m.PersonId == reflectorId && m.LeftAt == null))
            .FirstOrDefaultAsync(ct);
        if (share is null)
            return (null, ReflectionProblem.NotFound);
        if (!Feelings.IsKnown(feeling))
            return (null, ReflectionProblem.UnknownFeeling);
        var text = FreeText.Normalize(words);
        if (text is not null && text.Length > WordsMaxLength)
            return (null, ReflectionProblem.WordsTooLong);
        if (text is not null && FreeText.HasControlCharacters(text))
            return (null, ReflectionProblem.WordsHaveControlCharacters);
        if (await db.Set<Reflection>().AnyAsync(r => r.CheckInId == checkInId && r.BondId == bondId && r.AuthorId == reflectorId, ct))
            return (null, ReflectionProblem.AlreadyReflected);

        var reflection = new Reflection
        {
            Id = Guid.NewGuid(),
            CheckInId = checkInId,
            BondId = bondId,
            AuthorId = reflectorId,
            Feeling = feeling,
            CreatedAt = clock.GetUtcNow(),
        };
        reflection.WordsCipher = text is null ? null : await encryption.EncryptAsync(bondId, WordsField(reflection.Id), text, ct);
        db.Add(reflection);
        await db.SaveChangesAsync(ct);
        await live.ReflectedAsync(bondId, reflection.Id, share.PersonId, ct);
        return (reflection.Id, null);
    }

    /// <summary>The check-in's author marks a reflection "yes, that's it" or "not quite".</summary>
    public async Task<ReflectionProblem?> AnswerAsync(Guid bondId, Guid reflectionId, Guid authorId, string answer, CancellationToken ct = default)
    {
        if (answer is not (Yes or NotQuite))
            return ReflectionProblem.UnknownAnswer;
        var reflection = await db.Set<Reflection>()
            .Where(r => r.Id == reflectionId && r.BondId == bondId)
            .Where(r => db.Set<CheckInShare>().Any(s => s.CheckInId == r.CheckInId && s.BondId == bondId && s.PersonId == authorId))
            .FirstOrDefaultAsync(ct);
        if (reflection is null)
            return ReflectionProblem.NotFound;
        reflection.Response = answer;
        reflection.RespondedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await live.ReflectionAnsweredAsync(bondId, reflection.Id, reflection.AuthorId, ct);
        return null;
    }
}
