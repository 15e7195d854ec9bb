using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Data;

/// <summary>
/// Who the database should believe is asking, for row-level security. Scoped per request or job.
/// The values are sent with <c>set_config(..., true)</c> at the start of every transaction, so
/// they end with it and never leak to the next user of a pooled connection.
/// </summary>
public sealed class DbScope
{
    public Guid? PersonId { get; private set; }

    /// <summary>System scope is for work no single person owns: sign-in look-ups by email,
    /// invitation redemption before membership exists, background jobs.</summary>
    public bool IsSystem { get; private set; }

    internal void Set(Guid? personId, bool system)
    {
        PersonId = personId;
        IsSystem = system;
    }
}

public static class DbScopeExtensions
{
    /// <summary>
    /// Makes writes that share <paramref name="key"/> take turns until the transaction ends: a double submit or
    /// two devices saving "the same thing" at once, where the second must find the first's row instead of
    /// hitting a unique index. Keys name what they guard, e.g. "check-in:{person}:{date}".
    /// </summary>
    public static Task TakeTurnsAsync(this CornerDbContext db, string key, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"select pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);

    /// <summary>Acts as <paramref name="personId"/> from now on, including in an open transaction.</summary>
    public static Task ActAsAsync(this CornerDbContext db, Guid personId, CancellationToken ct = default)
    {
        db.Scope.Set(personId, system: false);
        return ApplyToOpenTransactionAsync(db, ct);
    }

    /// <summary>Acts with system scope. Use only for the narrow cases <see cref="DbScope.IsSystem"/> names.</summary>
    public static Task ActAsSystemAsync(this CornerDbContext db, CancellationToken ct = default)
    {
        db.Scope.Set(db.Scope.PersonId, system: true);
        return ApplyToOpenTransactionAsync(db, ct);
    }

    /// <summary>
    /// System scope until the returned handle is disposed, then back to exactly who was acting before (a person,
    /// nobody, or system), also when the work in between throws: <c>await using var _ = await db.SystemScopeAsync(ct);</c>
    /// </summary>
    public static async Task<IAsyncDisposable> SystemScopeAsync(this CornerDbContext db, CancellationToken ct = default)
    {
        var restore = new ScopeRestorer(db, db.Scope.PersonId, db.Scope.IsSystem);
        await db.ActAsSystemAsync(ct);
        return restore;
    }

    private sealed class ScopeRestorer(CornerDbContext db, Guid? personId, bool system) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            db.Scope.Set(personId, system);
            await ApplyToOpenTransactionAsync(db, CancellationToken.None);
        }
    }

    public static Task ActAsNobodyAsync(this CornerDbContext db, CancellationToken ct = default)
    {
        db.Scope.Set(null, system: false);
        return ApplyToOpenTransactionAsync(db, ct);
    }

    private static Task ApplyToOpenTransactionAsync(CornerDbContext db, CancellationToken ct) =>
        db.Database.CurrentTransaction is null
            ? Task.CompletedTask
            : db.Database.ExecuteSqlRawAsync(
                "select set_config('corner.person_id', {0}, true), set_config('corner.system', {1}, true)",
                [db.Scope.PersonId?.ToString() ?? "", db.Scope.IsSystem ? "on" : "off"], ct);
}
