using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Corner.Web.Data;

/// <summary>
/// Tells PostgreSQL who is asking at the start of every transaction EF begins. A transaction that starts with
/// nobody asking sends nothing: the settings are only ever set for one transaction (<c>set_config(…, true)</c>),
/// so a new one starts without them, which is exactly "nobody". The request's transaction begins before sign-in
/// is known, so this saves a round trip on every request; the person is told once, when they are known.
/// </summary>
public sealed class RowSecurityInterceptor : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (ScopeOf(eventData) is { } scope && !scope.IsNobody)
        {
            using var command = DbScope.ApplyCommand(scope, (NpgsqlConnection)connection, (NpgsqlTransaction)result);
            command.ExecuteNonQuery();
        }
        ScopeOf(eventData)?.MarkAppliedTo(result);
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        if (ScopeOf(eventData) is { } scope && !scope.IsNobody)
        {
            await using var command = DbScope.ApplyCommand(scope, (NpgsqlConnection)connection, (NpgsqlTransaction)result);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        ScopeOf(eventData)?.MarkAppliedTo(result);
        return result;
    }

    private static DbScope? ScopeOf(TransactionEndEventData eventData) => (eventData.Context as CornerDbContext)?.Scope;
}
