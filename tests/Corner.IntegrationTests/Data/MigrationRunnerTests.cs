using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Microsoft.Extensions.Logging.Abstractions;

namespace Corner.IntegrationTests.Data;

/// <summary>
/// The migration runner against the real test database, as the owner role. Every change these tests
/// make to the shared database happens under the runner's own advisory lock (so no app node can start
/// migrating in between) and is undone in a finally block.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class MigrationRunnerTests(CornerAppFactory factory)
{
    // Starting the app applies the migrations; these tests look at the database directly.
    private readonly IServiceProvider _migrated = factory.Services;

    private static MigrationRunner NewRunner() => new(NullLogger<MigrationRunner>.Instance);

    private static string ScratchName(string kind) => $"scratch_{kind}_{Guid.NewGuid():N}"[..32];

    private static Task<bool> TableExistsAsync(string table) =>
        Sql.OwnerScalarAsync<bool>("select to_regclass($1) is not null", "public." + table);

    [Fact]
    public async Task Apply_WhenALandedMigrationWasEdited_RefusesNamingTheFileAndRunsNothing()
    {
        var late = ScratchName("late");
        var edited = ScratchName("edited");
        var embedded = MigrationRunner.LoadEmbedded();
        var foundation = embedded.Single(m => m.Version == 1);
        // A lower-numbered file merged after a higher one landed, and an edit to a landed file.
        var migrations = new List<Migration> { new(0, "merged_late", $"create table {late}(id int);") };
        migrations.AddRange(embedded.Select(m => m.Version == 1
            ? new Migration(m.Version, m.Name, m.Sql + $"\ncreate table {edited}(id int);\n")
            : m));
        var rowsBefore = await Sql.OwnerScalarAsync<long>("select count(*) from schema_migrations");

        try
        {
            var error = await Assert.ThrowsAsync<MigrationChecksumException>(() =>
                NewRunner().ApplyAsync(TestDatabase.OwnerConnectionString, migrations));

            Assert.Contains($"0001_{foundation.Name}", error.Message, StringComparison.Ordinal);
            Assert.False(await TableExistsAsync(edited), "the edited migration ran");
            Assert.False(await TableExistsAsync(late), "a pending migration ran although the set was refused");
            Assert.Equal(rowsBefore, await Sql.OwnerScalarAsync<long>("select count(*) from schema_migrations"));
        }
        finally
        {
            await Sql.OwnerExecuteAsync($"drop table if exists {late}; drop table if exists {edited}; delete from schema_migrations where version = 0");
        }
    }

    [Fact]
    public async Task Apply_WhenTheEmbeddedFilesAreUnchanged_DoesNothingAndSucceeds()
    {
        var rowsBefore = await Sql.OwnerListAsync<string>("select version || ':' || checksum from schema_migrations order by version");

        await NewRunner().ApplyAsync(TestDatabase.OwnerConnectionString, MigrationRunner.LoadEmbedded());

        Assert.Equal(rowsBefore, await Sql.OwnerListAsync<string>("select version || ':' || checksum from schema_migrations order by version"));
    }

    [Fact]
    public async Task Apply_WhenSeveralNodesStartAtOnce_AppliesANewMigrationExactlyOnce()
    {
        var table = ScratchName("lock");
        var version = 9000 + Random.Shared.Next(1, 999);
        await Sql.OwnerExecuteAsync($"create table {table}(backend int not null)");
        try
        {
            // Slow enough that, without the advisory lock, every runner would see it as pending.
            var scratch = new Migration(version, "scratch_exactly_once",
                $"insert into {table} values (pg_backend_pid()); select pg_sleep(0.3);");
            var migrations = MigrationRunner.LoadEmbedded().Append(scratch).ToList();
            using var start = new Barrier(8);

            var runners = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait(TimeSpan.FromSeconds(10));
                await NewRunner().ApplyAsync(TestDatabase.OwnerConnectionString, migrations);
            }));
            await Task.WhenAll(runners);

            Assert.Equal(1L, await Sql.OwnerScalarAsync<long>($"select count(*) from {table}"));
            Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from schema_migrations where version = $1", version));
        }
        finally
        {
            await Sql.OwnerExecuteAsync($"drop table if exists {table}");
            await Sql.OwnerExecuteAsync("delete from schema_migrations where version = $1", version);
        }
    }

    [Fact]
    public async Task HealthReady_WhenAMigrationIsMissing_Answers503()
    {
        var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode); // positive control

        await using var owner = await Sql.OpenAsync(TestDatabase.OwnerConnectionString);
        // Hold the runner's lock so no app node starting meanwhile re-applies the "missing" file.
        await Sql.ExecuteAsync(owner, "select pg_advisory_lock($1)", MigrationRunner.AdvisoryLockKey);
        var (name, checksum, appliedAt) = await ReadRowAsync(owner);
        try
        {
            Assert.Equal(1, await Sql.ExecuteAsync(owner, "delete from schema_migrations where version = 1"));

            var response = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Contains("pending", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await Sql.ExecuteAsync(owner,
                "insert into schema_migrations(version, name, checksum, applied_at) values (1, $1, $2, $3) on conflict (version) do nothing",
                name, checksum, appliedAt);
            await Sql.ExecuteAsync(owner, "select pg_advisory_unlock($1)", MigrationRunner.AdvisoryLockKey);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task<(string Name, string Checksum, DateTime AppliedAt)> ReadRowAsync(Npgsql.NpgsqlConnection owner)
    {
        await using var command = new Npgsql.NpgsqlCommand("select name, checksum, applied_at from schema_migrations where version = 1", owner);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "0001 is not recorded as applied");
        return (reader.GetString(0), reader.GetString(1), reader.GetDateTime(2));
    }
}
