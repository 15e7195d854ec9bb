using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.PartnerMap;

public enum MapProblem
{
    [NotFound]
    NotFound,
    UnknownQuestion,
    TextEmpty,
    TextTooLong,
    TextHasControlCharacters,
    [Conflict]
    NoOneToGuessAbout,
    UnknownMark,
    NoteTooLong,
    NoteHasControlCharacters,
    [Conflict]
    AnswerYourselfFirst,
}

/// <summary>What was saved, and whether it was new (201) or a change (200).</summary>
public sealed record MapSaved(Guid Id, bool Created);

/// <summary>
/// Writes the partner map: a member's answers about themselves, their guesses about the other member, and
/// the comparison of a guess by the person it is about. Everything is per bond and under the bond's key.
/// </summary>
public sealed class MapWriter(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, TimeProvider clock, LiveEvents live, AuditLog audit)
{
    public const int TextMaxLength = 1000;
    public const int NoteMaxLength = 500;
    public const string SpotOn = "spot_on";
    public const string Close = "close";
    public const string NotQuite = "not_quite";
    public static readonly IReadOnlyList<string> Marks = [SpotOn, Close, NotQuite];

    /// <summary>The live kind for anything new on the map; the browser refreshes an open map page.</summary>
    public const string LiveKind = "partner_map";
    public const string TrustConfirmedAudit = "partner_map.trust_confirmed";

    public static FieldAddress SelfTextField(Guid answerId) => new("map_self_answers", "text", answerId);
    public static FieldAddress GuessTextField(Guid guessId) => new("map_guesses", "text", guessId);
    public static FieldAddress GuessNoteField(Guid guessId) => new("map_guesses", "note", guessId);

    /// <summary>Private by default (docs/architecture.md): a self-answer stays with its writer until they choose to share it.
    /// The question page offers the choice next to every answer; tender areas say why it matters most there.</summary>
    public static bool SharedByDefault(MapQuestion question) => false;

    /// <summary>Saves (or rewrites, which renews its date) the person's own answer. <paramref name="shared"/> null
    /// means the default: kept to oneself.</summary>
    public async Task<(MapSaved? Saved, MapProblem? Problem)> SaveSelfAsync(
        Guid bondId, Guid personId, string? questionId, string? text, bool? shared, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return (null, MapProblem.NotFound);
        if (QuestionBank.Find(questionId) is not { } question)
            return (null, MapProblem.UnknownQuestion);
        if (CheckText(text) is { } problem)
            return (null, problem);

        var now = clock.GetUtcNow();
        // Two saves of the same first answer at once take turns: the second updates the first's row.
        await db.TakeTurnsAsync($"map-answer:{bondId}:{personId}:{question.Id}", ct);
        var answer = await db.Set<MapSelfAnswer>()
            .FirstOrDefaultAsync(a => a.BondId == bondId && a.PersonId == personId && a.QuestionId == question.Id, ct);
        var created = answer is null;
        var wasShared = answer?.Shared == true;
        if (answer is null)
        {
            answer = new MapSelfAnswer { Id = Guid.NewGuid(), BondId = bondId, PersonId = personId, QuestionId = question.Id, CreatedAt = now };
            db.Add(answer);
        }
        answer.TextCipher = await encryption.EncryptAsync(bondId, SelfTextField(answer.Id), FreeText.Normalize(text)!, ct);
        answer.Shared = shared ?? SharedByDefault(question);
        answer.AnsweredAt = now;
        await db.SaveChangesAsync(ct);
        // A private answer tells no one: the other person must not learn that it exists. One that was shared
        // and now is not tells them, so an open page stops showing it.
        if (answer.Shared || wasShared)
            await live.ToOthersAsync(bondId, personId, LiveKind, answer.Id, ct);
        return (new MapSaved(answer.Id, created), null);
    }

    /// <summary>Saves the person's guess at how the other member would answer. Changing a guess that was already
    /// compared asks for a fresh comparison; saving the same words again changes nothing.</summary>
    public async Task<(MapSaved? Saved, MapProblem? Problem)> SaveGuessAsync(
        Guid bondId, Guid guesserId, string? questionId, string? text, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, guesserId, ct))
            return (null, MapProblem.NotFound);
        if (QuestionBank.Find(questionId) is not { } question)
            return (null, MapProblem.UnknownQuestion);
        if (CheckText(text) is { } problem)
            return (null, problem);
        // The guess is always about the other current member: never about oneself, never about someone who left.
        if ((await spaces.MembersAsync(bondId, guesserId, ct)).Other is not { } subject)
            return (null, MapProblem.NoOneToGuessAbout);

        var words = FreeText.Normalize(text)!;
        var now = clock.GetUtcNow();
        await db.TakeTurnsAsync($"map-guess:{bondId}:{guesserId}:{question.Id}", ct);
        var guess = await db.Set<MapGuess>()
            .FirstOrDefaultAsync(g => g.BondId == bondId && g.GuesserId == guesserId && g.QuestionId == question.Id, ct);
        var created = guess is null;
        if (guess is null)
        {
            guess = new MapGuess { Id = Guid.NewGuid(), BondId = bondId, GuesserId = guesserId, QuestionId = question.Id, CreatedAt = now };
            db.Add(guess);
        }
        else if (await encryption.DecryptAsync(bondId, GuessTextField(guess.Id), guess.TextCipher, ct) == words && guess.SubjectId == subject)
        {
            return (new MapSaved(guess.Id, false), null);
        }
        guess.SubjectId = subject;
        guess.TextCipher = await encryption.EncryptAsync(bondId, GuessTextField(guess.Id), words, ct);
        guess.GuessedAt = now;
        guess.Mark = null;
        guess.NoteCipher = null;
        guess.ComparedAt = null;
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, subject, LiveKind, guess.Id, ct);
        return (new MapSaved(guess.Id, created), null);
    }

    /// <summary>The person a guess is about marks it spot on, close or not quite, with what they would add.
    /// Only they can, and only once they have answered the question themselves.</summary>
    public async Task<MapProblem?> CompareAsync(Guid bondId, Guid subjectId, Guid guessId, string? mark, string? note, CancellationToken ct = default)
    {
        var guess = await db.Set<MapGuess>()
            .Where(g => g.Id == guessId && g.BondId == bondId && g.SubjectId == subjectId)
            .Where(g => db.BondMembers.Any(m => m.BondId == bondId && m.PersonId == subjectId && m.LeftAt == null))
            .FirstOrDefaultAsync(ct);
        if (guess is null)
            return MapProblem.NotFound;
        if (mark is null || !Marks.Contains(mark))
            return MapProblem.UnknownMark;
        var words = FreeText.Normalize(note);
        if (words is not null && words.Length > NoteMaxLength)
            return MapProblem.NoteTooLong;
        if (words is not null && FreeText.HasControlCharacters(words))
            return MapProblem.NoteHasControlCharacters;
        if (!await db.Set<MapSelfAnswer>().AnyAsync(a => a.BondId == bondId && a.PersonId == subjectId && a.QuestionId == guess.QuestionId, ct))
            return MapProblem.AnswerYourselfFirst;

        guess.Mark = mark;
        guess.NoteCipher = words is null ? null : await encryption.EncryptAsync(bondId, GuessNoteField(guess.Id), words, ct);
        guess.ComparedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await live.ToMemberAsync(bondId, guess.GuesserId, LiveKind, guess.Id, ct);
        return null;
    }

    /// <summary>Records, once, that the person has read and accepted the trust screen for this bond.
    /// False when they are not a member (answer 404).</summary>
    public async Task<bool> ConfirmTrustAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return false;
        var now = clock.GetUtcNow();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"insert into map_trust (person_id, bond_id, confirmed_at) values ({personId}, {bondId}, {now}) on conflict do nothing", ct);
        if (inserted == 1)
        {
            audit.Record(TrustConfirmedAudit, personId, bondId);
            await db.SaveChangesAsync(ct);
        }
        return true;
    }


    private static MapProblem? CheckText(string? text)
    {
        var words = FreeText.Normalize(text);
        if (words is null)
            return MapProblem.TextEmpty;
        if (words.Length > TextMaxLength)
            return MapProblem.TextTooLong;
        if (FreeText.HasControlCharacters(words))
            return MapProblem.TextHasControlCharacters;
        return null;
    }


}
