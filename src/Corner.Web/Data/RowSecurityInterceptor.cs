using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Corner.Web.Data;

/// <summary>Tells PostgreSQL who is asking at the start of every transaction EF begins.</summary>
public sealed class RowSecurityInterceptor : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var command = CreateCommand(connection, result, eventData);
        command.ExecuteNonQuery();
        return result;
    }

    public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var command = CreateCommand(connection, result, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    private static NpgsqlCommand CreateCommand(DbConnection connection, DbTransaction transaction, TransactionEndEventData eventData) =>
        DbScope.ApplyCommand((eventData.Context as CornerDbContext)?.Scope, (NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
}
