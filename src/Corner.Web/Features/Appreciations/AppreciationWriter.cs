using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Features.Appreciations;

public enum AppreciationProblem
{
    [NotFound]
    NotFound,
    [Conflict]
    NoOneToReceive,
    UnknownKind,
    WordsMissing,
    WordsTooLong,
    WordsHaveControlCharacters,
    /// <summary>The submission id already belongs to a note in another space.</summary>
    [Conflict]
    SubmissionIdUsed,
}

/// <summary>A note that was saved; <paramref name="Replayed"/> when an earlier submit with the same id saved it.</summary>
public sealed record AppreciationSent(Guid Id, bool Replayed);

/// <summary>
/// Sends an appreciation from one member of a space to the other, who is told live. Only a current member
/// sends, and only while the other person is here to receive it.
/// </summary>
public sealed class AppreciationWriter(CornerDbContext db, FieldEncryption encryption, TimeProvider clock, LiveEvents live,
    TakeBack takeBack)
{
    public const int WordsMaxLength = 500;
    public const string Appreciate = "appreciate";
    public const string Admire = "admire";
    public const string LiveKind = "appreciation";

    public static IReadOnlyList<string> Kinds { get; } = [Appreciate, Admire];

    public static FieldAddress WordsField(Guid appreciationId) => new("appreciations", "words", appreciationId);

    /// <param name="submissionId">Made by the form (or the API's Idempotency-Key): a second submit with it saves nothing new.</param>
    public async Task<(AppreciationSent? Sent, AppreciationProblem? Problem)> SendAsync(
        Guid bondId, Guid authorId, string? kind, string? words, Guid submissionId, CancellationToken ct = default)
    {
        var members = await db.BondMembers.AsNoTracking()
            .Where(m => m.BondId == bondId)
            .Select(m => new { m.PersonId, m.LeftAt })
            .ToListAsync(ct);
        if (!members.Any(m => m.PersonId == authorId && m.LeftAt == null))
            return (null, AppreciationProblem.NotFound);
        if (await EarlierAsync(authorId, bondId, submissionId, ct) is { } earlier)
            return (new AppreciationSent(earlier, Replayed: true), null);
        if (submissionId != Guid.Empty && await db.Set<Appreciation>().AnyAsync(a => a.AuthorId == authorId && a.SubmissionId == submissionId, ct))
            return (null, AppreciationProblem.SubmissionIdUsed);
        var recipient = members.FirstOrDefault(m => m.PersonId != authorId);
        if (recipient is null || recipient.LeftAt is not null)
            return (null, AppreciationProblem.NoOneToReceive);
        if (kind is null || !Kinds.Contains(kind))
            return (null, AppreciationProblem.UnknownKind);
        var text = Words.Normalize(words);
        if (Words.Check(text, WordsMaxLength) is { } problem)
            return (null, problem switch
            {
                WordsProblem.Missing => AppreciationProblem.WordsMissing,
                WordsProblem.TooLong => AppreciationProblem.WordsTooLong,
                _ => AppreciationProblem.WordsHaveControlCharacters,
            });

        var appreciation = new Appreciation
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            AuthorId = authorId,
            RecipientId = recipient.PersonId,
            Kind = kind,
            SubmissionId = submissionId == Guid.Empty ? Guid.NewGuid() : submissionId,
            CreatedAt = clock.GetUtcNow(),
        };
        appreciation.WordsCipher = await encryption.EncryptAsync(bondId, WordsField(appreciation.Id), text!, ct);
        db.Add(appreciation);
        try
        {
            // Inside the request's transaction EF saves under a savepoint, so a lost race leaves it usable.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same submission arrived twice at once: the first one won.
            db.Entry(appreciation).State = EntityState.Detached;
            return await EarlierAsync(authorId, bondId, submissionId, ct) is { } first
                ? (new AppreciationSent(first, Replayed: true), null)
                : (null, AppreciationProblem.SubmissionIdUsed);
        }
        await live.ToMemberAsync(bondId, recipient.PersonId, LiveKind, appreciation.Id, ct);
        return (new AppreciationSent(appreciation.Id, Replayed: false), null);
    }

    /// <summary>
    /// Deletes an appreciation its author sent, so it leaves the other person's pages (live, if open) and their
    /// future exports. False when it is not the person's own, or they may no longer write here (answer 404).
    /// </summary>
    public Task<bool> TakeBackAsync(Guid bondId, Guid appreciationId, Guid authorId, CancellationToken ct = default) =>
        takeBack.TakeAsync(bondId, authorId, LiveKind, appreciationId, () => db.Set<Appreciation>()
            .Where(a => a.Id == appreciationId && a.BondId == bondId && a.AuthorId == authorId)
            .ExecuteDeleteAsync(ct), ct);

    private async Task<Guid?> EarlierAsync(Guid authorId, Guid bondId, Guid submissionId, CancellationToken ct) =>
        submissionId == Guid.Empty ? null
        : await db.Set<Appreciation>().AsNoTracking()
            .Where(a => a.AuthorId == authorId && a.SubmissionId == submissionId && a.BondId == bondId)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(ct);
}
