using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Corner.Web.Data;

/// <summary>One numbered plain-SQL migration file, embedded in the assembly.</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
}

public sealed class MigrationChecksumException(string message) : Exception(message);

/// <summary>
/// Applies the SQL files under Data/Migrations in order, each in its own transaction, under an
/// advisory lock so several app nodes can start at once. A landed file that was edited is refused.
/// </summary>
public sealed class MigrationRunner(ILogger<MigrationRunner> logger)
{
    // Any fixed number works; it only has to be the same on every node.
    internal const long AdvisoryLockKey = 0x436f726e6572; // "Corner"

    public static IReadOnlyList<Migration> LoadEmbedded()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "Corner.Web.Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Parse(n[prefix.Length..^4], Read(assembly, n)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static Migration Parse(string fileStem, string sql)
    {
        var underscore = fileStem.IndexOf('_', StringComparison.Ordinal);
        // Embedded resource names put '_' before a leading digit, so trim any.
        var number = fileStem[..underscore].TrimStart('_');
        return new Migration(int.Parse(number, System.Globalization.CultureInfo.InvariantCulture), fileStem[(underscore + 1)..], sql);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    public async Task ApplyAsync(string ownerConnectionString, IReadOnlyList<Migration> migrations, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await Execute(connection, "select pg_advisory_lock($1)", ct, AdvisoryLockKey);
        try
        {
            await Execute(connection, """
                create table if not exists schema_migrations (
                    version int primary key,
                    name text not null,
                    checksum text not null,
                    applied_at timestamptz not null default now())
                """, ct);

            var applied = new Dictionary<int, (string Name, string Checksum)>();
            await using (var read = new NpgsqlCommand("select version, name, checksum from schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));

            // Check every landed file before running anything: a lower-numbered file merged late
            // must not run when a landed one beside it was edited.
            foreach (var migration in migrations)
                if (applied.TryGetValue(migration.Version, out var landed) && landed.Checksum != migration.Checksum)
                    throw new MigrationChecksumException(
                        $"Migration {migration.Version:D4}_{migration.Name} was changed after it was applied (checksum {landed.Checksum[..12]}… in the database, {migration.Checksum[..12]}… in the file). " +
                        "Never edit a landed migration: restore the file and add the change as a new, higher-numbered one.");

            foreach (var migration in migrations)
            {
                if (applied.ContainsKey(migration.Version))
                    continue;

                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                    await command.ExecuteNonQueryAsync(ct);
                await using (var record = new NpgsqlCommand("insert into schema_migrations(version, name, checksum) values ($1, $2, $3)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
                    record.Parameters.Add(new NpgsqlParameter { Value = migration.Checksum });
                    await record.ExecuteNonQueryAsync(ct);
                }
                await transaction.CommitAsync(ct);
                logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
            }
        }
        finally
        {
            await Execute(connection, "select pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] args)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var arg in args)
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        await command.ExecuteNonQueryAsync(ct);
    }
}
