using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Features.Appreciations;

public enum BackingProblem
{
    [NotFound]
    NotFound,
    [Conflict]
    SpaceClosed,
    WordsMissing,
    WordsTooLong,
    WordsHaveControlCharacters,
    [Conflict]
    TooMany,
    UnknownDirection,
    /// <summary>The submission id already belongs to a statement in another space.</summary>
    [Conflict]
    SubmissionIdUsed,
}

public sealed record BackingSaved(Guid Id, bool Replayed);

/// <summary>
/// A member's own "I know you have my back when you …" statements in a space: add, reword, reorder, retire
/// and bring back. Every change is scoped in the query to the statement's writer, so someone else's
/// statement is simply not found.
/// </summary>
public sealed class BackingStatementWriter(CornerDbContext db, FieldEncryption encryption, TimeProvider clock,
    Shared.TakeBack takeBack)
{
    public const string Entry = "backing_statement";

    public const int WordsMaxLength = 200;
    public const int MaxActive = 12;
    public const string Up = "up";
    public const string Down = "down";

    public static FieldAddress WordsField(Guid statementId) => new("backing_statements", "words", statementId);

    public async Task<(BackingSaved? Saved, BackingProblem? Problem)> AddAsync(
        Guid bondId, Guid authorId, string? words, Guid submissionId, CancellationToken ct = default)
    {
        var members = await db.BondMembers.AsNoTracking()
            .Where(m => m.BondId == bondId)
            .Select(m => new { m.PersonId, m.LeftAt })
            .ToListAsync(ct);
        if (!members.Any(m => m.PersonId == authorId && m.LeftAt == null))
            return (null, BackingProblem.NotFound);
        if (await EarlierAsync(authorId, bondId, submissionId, ct) is { } earlier)
            return (new BackingSaved(earlier, Replayed: true), null);
        if (submissionId != Guid.Empty && await db.Set<BackingStatement>().AnyAsync(s => s.AuthorId == authorId && s.SubmissionId == submissionId, ct))
            return (null, BackingProblem.SubmissionIdUsed);
        // Once the other person has left there is nobody to remind: nothing new, though what is written stays.
        if (members.Any(m => m.PersonId != authorId && m.LeftAt is not null))
            return (null, BackingProblem.SpaceClosed);
        var text = Words.Normalize(words, singleLine: true);
        if (Check(text) is { } problem)
            return (null, problem);

        var mine = await Mine(bondId, authorId).ToListAsync(ct);
        if (mine.Count(s => s.RetiredAt is null) >= MaxActive)
            return (null, BackingProblem.TooMany);
        var now = clock.GetUtcNow();
        var statement = new BackingStatement
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            AuthorId = authorId,
            Position = mine.Count == 0 ? 1 : mine.Max(s => s.Position) + 1,
            SubmissionId = submissionId == Guid.Empty ? Guid.NewGuid() : submissionId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        statement.WordsCipher = await encryption.EncryptAsync(bondId, WordsField(statement.Id), text!, ct);
        db.Add(statement);
        try
        {
            // Inside the request's transaction EF saves under a savepoint, so a lost race leaves it usable.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(statement).State = EntityState.Detached;
            return await EarlierAsync(authorId, bondId, submissionId, ct) is { } first
                ? (new BackingSaved(first, Replayed: true), null)
                : (null, BackingProblem.SubmissionIdUsed);
        }
        return (new BackingSaved(statement.Id, Replayed: false), null);
    }

    /// <summary>Rewords one of the writer's own statements (active or retired).</summary>
    public async Task<BackingProblem?> EditAsync(Guid bondId, Guid statementId, Guid authorId, string? words, CancellationToken ct = default)
    {
        if (await FindOwnAsync(bondId, statementId, authorId, ct) is not { } statement)
            return BackingProblem.NotFound;
        var text = Words.Normalize(words, singleLine: true);
        if (Check(text) is { } problem)
            return problem;
        statement.WordsCipher = await encryption.EncryptAsync(bondId, WordsField(statement.Id), text!, ct);
        statement.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Takes a statement off the other member's reminder; the writer keeps it. Retiring twice is fine.</summary>
    public async Task<BackingProblem?> RetireAsync(Guid bondId, Guid statementId, Guid authorId, CancellationToken ct = default)
    {
        if (await FindOwnAsync(bondId, statementId, authorId, ct) is not { } statement)
            return BackingProblem.NotFound;
        if (statement.RetiredAt is null)
        {
            statement.RetiredAt = clock.GetUtcNow();
            statement.UpdatedAt = statement.RetiredAt.Value;
            await db.SaveChangesAsync(ct);
        }
        return null;
    }

    /// <summary>Deletes one of the writer's own statements, so it leaves the other person's pages (live, if open).</summary>
    public async Task<BackingProblem?> TakeBackAsync(Guid bondId, Guid statementId, Guid authorId, CancellationToken ct = default) =>
        await takeBack.TakeAsync(bondId, authorId, Entry, statementId, () => db.Set<BackingStatement>()
            .Where(s => s.Id == statementId && s.BondId == bondId && s.AuthorId == authorId)
            .ExecuteDeleteAsync(ct), ct) ? null : BackingProblem.NotFound;

    /// <summary>Brings a retired statement back, at the end of the list.</summary>
    public async Task<BackingProblem?> RestoreAsync(Guid bondId, Guid statementId, Guid authorId, CancellationToken ct = default)
    {
        if (await FindOwnAsync(bondId, statementId, authorId, ct) is not { } statement)
            return BackingProblem.NotFound;
        if (statement.RetiredAt is null)
            return null;
        var mine = await Mine(bondId, authorId).AsNoTracking().Select(s => new { s.Position, s.RetiredAt }).ToListAsync(ct);
        if (mine.Count(s => s.RetiredAt is null) >= MaxActive)
            return BackingProblem.TooMany;
        statement.RetiredAt = null;
        statement.Position = mine.Max(s => s.Position) + 1;
        statement.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Moves an active statement one place up or down among the writer's active ones.</summary>
    public async Task<BackingProblem?> MoveAsync(Guid bondId, Guid statementId, Guid authorId, string? direction, CancellationToken ct = default)
    {
        if (await FindOwnAsync(bondId, statementId, authorId, ct) is not { } statement)
            return BackingProblem.NotFound;
        if (direction is not (Up or Down))
            return BackingProblem.UnknownDirection;
        if (statement.RetiredAt is not null)
            return null;
        var active = await Mine(bondId, authorId).Where(s => s.RetiredAt == null)
            .OrderBy(s => s.Position).ThenBy(s => s.CreatedAt).ToListAsync(ct);
        var index = active.FindIndex(s => s.Id == statementId);
        var swapWith = direction == Up ? index - 1 : index + 1;
        if (index < 0 || swapWith < 0 || swapWith >= active.Count)
            return null;
        (active[index], active[swapWith]) = (active[swapWith], active[index]);
        // Renumber the whole list: positions stay distinct even if an earlier race left two the same.
        for (var i = 0; i < active.Count; i++)
            active[i].Position = i + 1;
        await db.SaveChangesAsync(ct);
        return null;
    }

    private static BackingProblem? Check(string? text) => Words.Check(text, WordsMaxLength) switch
    {
        null => null,
        WordsProblem.Missing => BackingProblem.WordsMissing,
        WordsProblem.TooLong => BackingProblem.WordsTooLong,
        _ => BackingProblem.WordsHaveControlCharacters,
    };

    private IQueryable<BackingStatement> Mine(Guid bondId, Guid authorId) =>
        db.Set<BackingStatement>().Where(s => s.BondId == bondId && s.AuthorId == authorId);

    /// <summary>The writer's own statement, while they are a current member of the space; otherwise null (404).</summary>
    private Task<BackingStatement?> FindOwnAsync(Guid bondId, Guid statementId, Guid authorId, CancellationToken ct) =>
        Mine(bondId, authorId)
            .Where(s => s.Id == statementId)
            .Where(s => db.BondMembers.Any(m => m.BondId == bondId && m.PersonId == authorId && m.LeftAt == null))
            .FirstOrDefaultAsync(ct);

    private async Task<Guid?> EarlierAsync(Guid authorId, Guid bondId, Guid submissionId, CancellationToken ct) =>
        submissionId == Guid.Empty ? null
        : await db.Set<BackingStatement>().AsNoTracking()
            .Where(s => s.AuthorId == authorId && s.SubmissionId == submissionId && s.BondId == bondId)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync(ct);
}
