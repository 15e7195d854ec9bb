using Npgsql;

namespace Corner.IntegrationTests.Data;

/// <summary>Small raw-SQL helpers for tests that must look under the application (as owner or app role).</summary>
internal static class Sql
{
    public static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var command = Command(connection, sql, args);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new List<T>();
        while (await reader.ReadAsync())
            result.Add(reader.IsDBNull(0) ? default! : reader.GetFieldValue<T>(0));
        return result;
    }

    /// <summary>Runs <paramref name="sql"/> as the owner (BYPASSRLS) and returns the first column.</summary>
    public static async Task<List<T>> OwnerListAsync<T>(string sql, params object[] args)
    {
        await using var connection = await OpenAsync(Support.TestDatabase.OwnerConnectionString);
        return await ListAsync<T>(connection, sql, args);
    }

    public static async Task<T> OwnerScalarAsync<T>(string sql, params object[] args)
    {
        await using var connection = await OpenAsync(Support.TestDatabase.OwnerConnectionString);
        return await ScalarAsync<T>(connection, sql, args);
    }

    public static async Task OwnerExecuteAsync(string sql, params object[] args)
    {
        await using var connection = await OpenAsync(Support.TestDatabase.OwnerConnectionString);
        await ExecuteAsync(connection, sql, args);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] args)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        return command;
    }

    /// <summary>Tables in schema public, by name.</summary>
    public static Task<List<string>> PublicTablesAsync() =>
        OwnerListAsync<string>("select c.relname::text from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1");

    /// <summary>Quotes an identifier that came from the catalog.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
