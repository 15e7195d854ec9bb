using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Appreciations;

/// <summary>An appreciation as one of its two people sees it: never the other person's id.</summary>
public sealed record AppreciationView(Guid Id, string Kind, string Words, DateTimeOffset SentAt, string OtherName);

/// <summary>One page of appreciations, newest first, and whether older ones follow.</summary>
public sealed record AppreciationPage(IReadOnlyList<AppreciationView> Items, bool HasOlder);

/// <summary>A backing statement as its writer or the other member sees it.</summary>
public sealed record BackingStatementView(Guid Id, string Words, int Position, DateTimeOffset UpdatedAt, DateTimeOffset? RetiredAt)
{
    public bool Retired => RetiredAt is not null;
}

/// <summary>
/// Reads appreciations and backing statements. Callers first check that the person is a current member of
/// the space (404 otherwise); every query is also scoped to the space and the person, and row-level security
/// backs that up.
/// </summary>
public sealed class AppreciationQueries(CornerDbContext db, FieldEncryption encryption, PersonalDay day)
{
    public const int PageSize = 30;

    /// <summary>What the other member sent to <paramref name="personId"/> in this space, newest first.</summary>
    public Task<AppreciationPage> ReceivedAsync(Guid bondId, Guid personId, int page = 0, CancellationToken ct = default) =>
        ReadAsync(bondId, db.Set<Appreciation>().Where(a => a.BondId == bondId && a.RecipientId == personId), a => a.AuthorId, page, PageSize, ct);

    /// <summary>What <paramref name="personId"/> sent to the other member in this space, newest first.</summary>
    public Task<AppreciationPage> SentAsync(Guid bondId, Guid personId, int page = 0, CancellationToken ct = default) =>
        ReadAsync(bondId, db.Set<Appreciation>().Where(a => a.BondId == bondId && a.AuthorId == personId), a => a.RecipientId, page, PageSize, ct);

    public sealed record LatestRow(Guid Id, string Kind, DateTimeOffset CreatedAt, byte[] WordsCipher, string AuthorName);

    /// <summary>Queues the read of the newest appreciation <paramref name="personId"/> received here (the space home's card).</summary>
    public static QueryBatch.Queued<LatestRow> QueueLatestReceived(QueryBatch batch, Guid bondId, Guid personId) =>
        batch.Add($"""
            select a.id, a.kind, a.created_at, a.words_cipher, p.display_name
            from appreciations a join people p on p.id = a.author_id
            where a.bond_id = {bondId} and a.recipient_id = {personId}
            order by a.created_at desc, a.id desc limit 1
            """, r => new LatestRow(r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetFieldValue<byte[]>(3), r.Object<string>(4) ?? ""));

    /// <summary>The newest appreciation received, as <see cref="QueueLatestReceived"/> read it, if any.</summary>
    public async Task<AppreciationView?> LatestReceivedAsync(QueryBatch.Queued<LatestRow> queued, Guid bondId, CancellationToken ct = default) =>
        queued.Single is { } row
            ? new AppreciationView(row.Id, row.Kind, await encryption.DecryptAsync(bondId, AppreciationWriter.WordsField(row.Id), row.WordsCipher, ct),
                row.CreatedAt, row.AuthorName)
            : null;

    /// <summary>How many appreciations <paramref name="personId"/> has sent here (it moves the prompts along).</summary>
    public Task<int> SentCountAsync(Guid bondId, Guid personId, CancellationToken ct = default) =>
        db.Set<Appreciation>().CountAsync(a => a.BondId == bondId && a.AuthorId == personId, ct);

    /// <summary>The person's own time zone, for showing dates as they live them.</summary>
    public Task<string> TimeZoneAsync(Guid personId, CancellationToken ct = default) => day.ZoneAsync(personId, ct);

    /// <summary>Queues the read of the space's active statements (the space home's card), in their order.</summary>
    public static QueryBatch.Queued<BackingStatement> QueueStanding(QueryBatch batch, Guid bondId) =>
        batch.Add($"""
            select s.id, s.author_id, s.position, s.updated_at, s.words_cipher
            from backing_statements s
            where s.bond_id = {bondId} and s.retired_at is null
            order by s.position, s.created_at
            """, r => new BackingStatement
        {
            Id = r.GetGuid(0),
            BondId = bondId,
            AuthorId = r.GetGuid(1),
            Position = r.GetInt32(2),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(3),
            WordsCipher = r.GetFieldValue<byte[]>(4),
        });

    /// <summary>The other member's active statements (as <see cref="TheirStatementsAsync"/>) and how many active ones the
    /// person has, from what <see cref="QueueStanding"/> read: what the space's home shows.</summary>
    public async Task<(IReadOnlyList<BackingStatementView> Theirs, int Mine)> StandingAsync(QueryBatch.Queued<BackingStatement> queued,
        Guid bondId, Guid personId, CancellationToken ct = default)
    {
        var rows = queued.Rows;
        return (await DecryptAsync(bondId, rows.Where(s => s.AuthorId != personId), ct), rows.Count(s => s.AuthorId == personId));
    }

    /// <summary>The writer's own statements: the active ones in their order, then the retired ones, latest retired first.</summary>
    public async Task<IReadOnlyList<BackingStatementView>> MyStatementsAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        var rows = await db.Set<BackingStatement>().AsNoTracking()
            .Where(s => s.BondId == bondId && s.AuthorId == personId)
            .ToListAsync(ct);
        var ordered = rows.Where(s => s.RetiredAt is null).OrderBy(s => s.Position).ThenBy(s => s.CreatedAt)
            .Concat(rows.Where(s => s.RetiredAt is not null).OrderByDescending(s => s.RetiredAt));
        return await DecryptAsync(bondId, ordered, ct);
    }

    /// <summary>The other member's active statements, in their order: what having their back means to them.</summary>
    public async Task<IReadOnlyList<BackingStatementView>> TheirStatementsAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        var rows = await db.Set<BackingStatement>().AsNoTracking()
            .Where(s => s.BondId == bondId && s.AuthorId != personId && s.RetiredAt == null)
            .OrderBy(s => s.Position).ThenBy(s => s.CreatedAt)
            .ToListAsync(ct);
        return await DecryptAsync(bondId, rows, ct);
    }

    /// <summary>One of the writer's own statements, or null when it is not theirs (answer 404).</summary>
    public async Task<BackingStatementView?> MyStatementAsync(Guid bondId, Guid statementId, Guid personId, CancellationToken ct = default)
    {
        var row = await db.Set<BackingStatement>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.Id == statementId && s.BondId == bondId && s.AuthorId == personId, ct);
        return row is null ? null : (await DecryptAsync(bondId, [row], ct))[0];
    }

    private async Task<List<BackingStatementView>> DecryptAsync(Guid bondId, IEnumerable<BackingStatement> rows, CancellationToken ct)
    {
        var result = new List<BackingStatementView>();
        foreach (var s in rows)
            result.Add(new BackingStatementView(s.Id,
                await encryption.DecryptAsync(bondId, BackingStatementWriter.WordsField(s.Id), s.WordsCipher, ct),
                s.Position, s.UpdatedAt, s.RetiredAt));
        return result;
    }

    /// <param name="other">Which side of the note is the other person (the author of a received one, the recipient of a sent one).</param>
    private async Task<AppreciationPage> ReadAsync(Guid bondId, IQueryable<Appreciation> query, System.Linq.Expressions.Expression<Func<Appreciation, Guid>> other,
        int page, int size, CancellationToken ct)
    {
        page = Math.Clamp(page, 0, 10_000);
        // The other person's name comes with each note, in the same query.
        var rows = await query.AsNoTracking()
            .Join(db.Users, other, p => p.Id, (a, p) => new { Note = a, p.DisplayName })
            .OrderByDescending(x => x.Note.CreatedAt).ThenByDescending(x => x.Note.Id)
            .Skip(page * size).Take(size + 1)
            .ToListAsync(ct);
        var items = new List<AppreciationView>();
        foreach (var row in rows.Take(size))
            items.Add(new AppreciationView(row.Note.Id, row.Note.Kind,
                await encryption.DecryptAsync(bondId, AppreciationWriter.WordsField(row.Note.Id), row.Note.WordsCipher, ct),
                row.Note.CreatedAt, row.DisplayName));
        return new AppreciationPage(items, rows.Count > size);
    }
}
