using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Corner.Web.Data;

/// <summary>
/// Reads that several parts of one page queue up front and that go to PostgreSQL together, in one round trip: an
/// <see cref="NpgsqlBatch"/> on the request's own connection and transaction, so who is asking and row-level security
/// apply exactly as to any other query. Each part queues its SQL with a reader for one row, and takes its rows after
/// <see cref="RunAsync"/> (the space home's cards: <c>ISpaceHomeReads</c>).
/// </summary>
public sealed class QueryBatch(CornerDbContext db)
{
    private readonly List<IQueued> _queued = [];

    /// <summary>Queues <paramref name="sql"/>, whose interpolated values become parameters (never text in the SQL), as
    /// EF's <c>SqlQuery</c> does.</summary>
    public Queued<T> Add<T>(FormattableString sql, Func<DbDataReader, T> row)
    {
        var values = sql.GetArguments();
        var text = string.Format(CultureInfo.InvariantCulture, sql.Format,
            [.. Enumerable.Range(1, values.Length).Select(i => (object)$"${i}")]);
        return Add(text, [.. values.Select(v => new NpgsqlParameter { Value = Parameter(v) })], row);
    }

    /// <summary>Queues <paramref name="sql"/> with named <paramref name="parameters"/> (<c>@name</c> in the text).</summary>
    public Queued<T> Add<T>(string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> row)
    {
        var queued = new Queued<T>(sql, parameters, row);
        _queued.Add(queued);
        return queued;
    }

    /// <summary>Sends everything queued since the last run, in one round trip, and hands each part its rows.</summary>
    public async Task RunAsync(CancellationToken ct = default)
    {
        if (_queued.Count == 0)
            return;
        var queued = _queued.ToList();
        _queued.Clear();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction
            ?? throw new InvalidOperationException("A query batch runs inside the request's transaction (who is asking is told to PostgreSQL there).");
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var part in queued)
            batch.BatchCommands.Add(part.Command());
        await using var reader = await batch.ExecuteReaderAsync(ct);
        foreach (var part in queued)
        {
            await part.ReadAsync(reader, ct);
            await reader.NextResultAsync(ct);
        }
    }

    // Npgsql sends timestamptz only in UTC; everything else goes as it is.
    private static object Parameter(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset at => at.ToUniversalTime(),
        _ => value,
    };

    private interface IQueued
    {
        NpgsqlBatchCommand Command();

        Task ReadAsync(DbDataReader reader, CancellationToken ct);
    }

    /// <summary>One queued query: its rows once the batch has run.</summary>
    public sealed class Queued<T> : IQueued
    {
        private readonly string _sql;
        private readonly NpgsqlParameter[] _parameters;
        private readonly Func<DbDataReader, T> _row;
        private List<T>? _rows;

        internal Queued(string sql, NpgsqlParameter[] parameters, Func<DbDataReader, T> row) =>
            (_sql, _parameters, _row) = (sql, parameters, row);

        public IReadOnlyList<T> Rows => _rows ?? throw new InvalidOperationException("The query batch has not run yet.");

        /// <summary>The only row, or the default when there is none.</summary>
        public T? Single => Rows.Count == 0 ? default : Rows[0];

        NpgsqlBatchCommand IQueued.Command()
        {
            var command = new NpgsqlBatchCommand(_sql);
            command.Parameters.AddRange(_parameters);
            return command;
        }

        async Task IQueued.ReadAsync(DbDataReader reader, CancellationToken ct)
        {
            var rows = new List<T>();
            while (await reader.ReadAsync(ct))
                rows.Add(_row(reader));
            _rows = rows;
        }
    }
}

/// <summary>Reading a column that may be null, by its place in the select, for <see cref="QueryBatch"/> rows.</summary>
public static class DataReaderColumns
{
    public static T? Value<T>(this DbDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static T? Object<T>(this DbDataReader reader, int ordinal) where T : class =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);
}
