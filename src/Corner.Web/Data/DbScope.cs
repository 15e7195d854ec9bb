using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

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
    /// invitation redemption before membership exists, background jobs. Entered only through
    /// <see cref="DbScopeExtensions.SystemScopeAsync"/>, which always restores who was acting.</summary>
    public bool IsSystem { get; private set; }

    internal void Set(Guid? personId, bool system)
    {
        PersonId = personId;
        IsSystem = system;
    }

    // What the database was last told, and in which transaction: telling it the same again is a wasted round trip.
    private DbTransaction? _appliedTo;
    private Guid? _appliedPerson;
    private bool _appliedSystem;

    /// <summary>True when <paramref name="transaction"/> already carries exactly this scope.</summary>
    internal bool IsAppliedTo(DbTransaction transaction) =>
        ReferenceEquals(_appliedTo, transaction) && _appliedPerson == PersonId && _appliedSystem == IsSystem;

    internal void MarkAppliedTo(DbTransaction transaction)
    {
        _appliedTo = transaction;
        _appliedPerson = PersonId;
        _appliedSystem = IsSystem;
    }

    /// <summary>Nobody is asking: what a transaction starts with, since the settings are only ever set for a transaction.</summary>
    internal bool IsNobody => PersonId is null && !IsSystem;

    /// <summary>The one statement that tells PostgreSQL who is asking, for the rest of <paramref name="transaction"/>
    /// (the interceptor sends it when a transaction starts, a scope change inside an open one sends it again).</summary>
    internal static NpgsqlCommand ApplyCommand(DbScope? scope, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var command = new NpgsqlCommand(
            "select set_config('corner.person_id', $1, true), set_config('corner.system', $2, true)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = scope?.PersonId?.ToString() ?? "" });
        command.Parameters.Add(new NpgsqlParameter { Value = scope?.IsSystem == true ? "on" : "off" });
        return command;
    }

    /// <summary>System scope with nobody acting, for work outside any request (the master-key rotation).</summary>
    internal static DbScope ForMaintenance()
    {
        var scope = new DbScope();
        scope.Set(null, system: true);
        return scope;
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

    /// <summary>Calls <paramref name="forget"/> after every save through this context, also one that failed (another request
    /// saved first): for what a service keeps for the rest of a request and a write in it would make out of date.</summary>
    public static void ForgetOnSave(this CornerDbContext db, Action forget)
    {
        db.SavedChanges += (_, _) => forget();
        db.SaveChangesFailed += (_, _) => forget();
    }

    /// <summary>Acts as <paramref name="personId"/> from now on, including in an open transaction: for the places
    /// that establish who a request is (authentication, a sign-in step that proved it, a signed link).</summary>
    public static Task ActAsAsync(this CornerDbContext db, Guid personId, CancellationToken ct = default)
    {
        db.Scope.Set(personId, system: false);
        return ApplyToOpenTransactionAsync(db, ct);
    }

    /// <summary>Acts for nobody from now on (a request whose credentials did not hold up).</summary>
    public static Task ActAsNobodyAsync(this CornerDbContext db, CancellationToken ct = default)
    {
        db.Scope.Set(null, system: false);
        return ApplyToOpenTransactionAsync(db, ct);
    }

    /// <summary>
    /// System scope until the returned handle is disposed, then back to exactly who was acting before (a person,
    /// nobody, or system), also when the work in between throws: <c>await using var _ = await db.SystemScopeAsync(ct);</c>
    /// This is the only way into system scope. Use it only for the narrow cases <see cref="DbScope.IsSystem"/> names,
    /// and keep the block as short as the work that needs it.
    /// </summary>
    public static async Task<IAsyncDisposable> SystemScopeAsync(this CornerDbContext db, CancellationToken ct = default)
    {
        var restore = new ScopeRestorer(db, db.Scope.PersonId, db.Scope.IsSystem);
        db.Scope.Set(db.Scope.PersonId, system: true);
        await ApplyToOpenTransactionAsync(db, ct);
        return restore;
    }

    /// <summary>Restores once: disposing again (an early <c>DisposeAsync</c>, then the <c>await using</c>) changes nothing.</summary>
    private sealed class ScopeRestorer(CornerDbContext db, Guid? personId, bool system) : IAsyncDisposable
    {
        private bool _restored;

        public async ValueTask DisposeAsync()
        {
            if (_restored)
                return;
            _restored = true;
            db.Scope.Set(personId, system);
            try
            {
                await ApplyToOpenTransactionAsync(db, CancellationToken.None);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InFailedSqlTransaction)
            {
                // The work failed in the database: the transaction can only roll back now, and the settings end
                // with it. The work's own exception is the one to see, so this one is not thrown over it.
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in the open transaction (the request's), or in a short one of its own that
    /// commits when the work is done: rows under row-level security are only visible inside a transaction that
    /// carries who is asking.
    /// </summary>
    public static async Task<T> InTransactionAsync<T>(this CornerDbContext db, Func<Task<T>> work, CancellationToken ct = default)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work();
        await transaction.CommitAsync(ct);
        return result;
    }

    private static async Task ApplyToOpenTransactionAsync(CornerDbContext db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction?.GetDbTransaction() is not NpgsqlTransaction transaction || db.Scope.IsAppliedTo(transaction))
            return;
        await using var command = DbScope.ApplyCommand(db.Scope, (NpgsqlConnection)db.Database.GetDbConnection(), transaction);
        await command.ExecuteNonQueryAsync(ct);
        db.Scope.MarkAppliedTo(transaction);
    }
}
