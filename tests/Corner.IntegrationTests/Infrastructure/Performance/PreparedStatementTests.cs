using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Infrastructure.Performance;

/// <summary>The app's pool prepares statements it runs again (Max Auto Prepare), and a prepared statement's
/// plan, kept across transactions and people, never shows one person what row-level security keeps for another.</summary>
[Collection(AppCollection.Name)]
public sealed class PreparedStatementTests(CornerAppFactory factory)
{
    private const string AllSpaces = "select b.id from bonds b order by b.id"; // no WHERE: only row security narrows it

    [Fact]
    public async Task AppPool_WhenAQueryRunsAgain_PreparesIt()
    {
        var person = await factory.CreatePersonAsync();
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

        for (var i = 0; i < 3; i++)
            await AsPersonAsync(connection, person.Id, AllSpaces);

        await using var prepared = new NpgsqlCommand("select count(*) from pg_prepared_statements where statement like '%from bonds b order by b.id%'", connection);
        Assert.True((long)(await prepared.ExecuteScalarAsync())! > 0, "The app's pool did not prepare a statement it ran three times.");
    }

    [Fact]
    public async Task PreparedQuery_WhenPeopleTakeTurnsOnOneConnection_ShowsEachOnlyTheirOwnSpaces()
    {
        var (ana, ben, cy) = (await factory.CreatePersonAsync(), await factory.CreatePersonAsync(), await factory.CreatePersonAsync());
        var anasSpace = await factory.CreateSpaceAsync("Ana & Cy", ana, cy);
        var bensSpace = await factory.CreateSpaceAsync("Ben & Cy", ben, cy);
        await using var connection = await factory.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        // The plan PostgreSQL would settle on after a few runs anyway: one plan for everyone.
        await using (var generic = new NpgsqlCommand("set plan_cache_mode = force_generic_plan", connection))
            await generic.ExecuteNonQueryAsync();

        for (var round = 0; round < 4; round++)
        {
            Assert.Equal([anasSpace], await AsPersonAsync(connection, ana.Id, AllSpaces));
            Assert.Equal([bensSpace], await AsPersonAsync(connection, ben.Id, AllSpaces));
            Assert.Equal(new[] { anasSpace, bensSpace }.Order(), await AsPersonAsync(connection, cy.Id, AllSpaces));
        }

        await using (var reset = new NpgsqlCommand("reset plan_cache_mode", connection))
            await reset.ExecuteNonQueryAsync();
    }

    // The way the app asks: who is asking is set for the transaction only (RowSecurityInterceptor).
    private static async Task<List<Guid>> AsPersonAsync(NpgsqlConnection connection, Guid personId, string sql)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var scope = new NpgsqlCommand(
            "select set_config('corner.person_id', $1, true), set_config('corner.system', $2, true)", connection, transaction))
        {
            scope.Parameters.Add(new NpgsqlParameter { Value = personId.ToString() });
            scope.Parameters.Add(new NpgsqlParameter { Value = "off" });
            await scope.ExecuteNonQueryAsync();
        }
        var ids = new List<Guid>();
        await using (var command = new NpgsqlCommand(sql, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                ids.Add(reader.GetGuid(0));
        await transaction.CommitAsync();
        return ids;
    }
}
