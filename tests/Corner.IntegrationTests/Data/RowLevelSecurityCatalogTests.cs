using Corner.IntegrationTests.Security;
using Corner.IntegrationTests.Support;
using Npgsql;

namespace Corner.IntegrationTests.Data;

/// <summary>
/// One rule for space data (issue 10): every row-level-security policy on a table that holds a space's
/// data asks <c>corner_can(bond, feature, action)</c>, so who may read and who may write a space is decided
/// in one place. Read from PostgreSQL's catalog, so a new table or policy that forgets the rule fails here.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RowLevelSecurityCatalogTests(CornerAppFactory factory)
{
    // Starting the app applies the migrations; these tests look at the database directly.
    private readonly IServiceProvider _migrated = factory.Services;

    /// <summary>
    /// Policies on space data that cannot ask about membership, because there is none yet: creating a space,
    /// and its first member adding themselves (joining someone else's goes through system scope).
    /// </summary>
    private static readonly string[] BeforeAnyMembership = ["bonds.bonds_insert", "bond_members.bond_members_insert"];

    [Fact]
    public async Task EveryPolicyOnSpaceData_Always_CallsCornerCan()
    {
        // Space data: every table with a bond_id column, the bonds themselves, and data_keys (a space's key
        // is keyed by the space's id).
        var rows = await Sql.OwnerListAsync<string>("""
            select c.relname || '|' || c.relrowsecurity || '|' || c.relforcerowsecurity || '|' ||
                   coalesce(p.polname, '') || '|' || coalesce(pg_get_expr(p.polqual, p.polrelid), '') || '|' ||
                   coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '')
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            left join pg_policy p on p.polrelid = c.oid
            where n.nspname = 'public' and c.relkind in ('r', 'p')
              and (c.relname in ('bonds', 'data_keys')
                   or exists (select 1 from pg_attribute a
                              where a.attrelid = c.oid and a.attname = 'bond_id' and a.attnum > 0 and not a.attisdropped))
            """);
        var entries = rows.Select(r => r.Split('|')).ToList();

        var problems = new List<string>();
        foreach (var table in entries.GroupBy(e => e[0]))
        {
            var first = table.First();
            if (first[1] != "true" || first[2] != "true")
                problems.Add($"{table.Key}: row-level security enabled {first[1]}, forced {first[2]}");
            if (table.All(e => e[3].Length == 0))
                problems.Add($"{table.Key}: no policy");
        }
        foreach (var policy in entries.Where(e => e[3].Length > 0 && !BeforeAnyMembership.Contains($"{e[0]}.{e[3]}")))
        {
            var (table, name, qual, check) = (policy[0], policy[3], policy[4], policy[5]);
            if (qual.Length == 0 && check.Length == 0)
                problems.Add($"{table}.{name}: neither USING nor WITH CHECK");
            if (qual.Length > 0 && !qual.Contains("corner_can(", StringComparison.Ordinal))
                problems.Add($"{table}.{name}: USING ({qual}) does not call corner_can");
            if (check.Length > 0 && !check.Contains("corner_can(", StringComparison.Ordinal))
                problems.Add($"{table}.{name}: WITH CHECK ({check}) does not call corner_can");
        }

        // Positive controls: the catalog query found the space tables, and the named exceptions still exist
        // (so the list cannot quietly outlive what it excuses).
        Assert.Contains(entries, e => e[0] == "moments" && e[3] == "moments_read");
        Assert.Contains(entries, e => e[0] == "check_in_shares");
        Assert.True(entries.Select(e => e[0]).Distinct().Count() >= 20, "found only " + string.Join(", ", entries.Select(e => e[0]).Distinct()));
        foreach (var exception in BeforeAnyMembership)
            Assert.Contains(entries, e => $"{e[0]}.{e[3]}" == exception);
        Assert.True(problems.Count == 0, "Space data outside the one rule:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task CornerCan_ForUnknownFeatureOrAction_IsFalseEvenInSystemScope()
    {
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        await using var transaction = await app.BeginTransactionAsync();
        await Sql.ExecuteAsync(app, "select set_config('corner.person_id', '', true), set_config('corner.system', 'on', true)");

        Assert.True(await Sql.ScalarAsync<bool>(app, "select corner_can(gen_random_uuid(), 'moments', 'write')"));
        Assert.False(await Sql.ScalarAsync<bool>(app, "select corner_can(gen_random_uuid(), 'moment', 'read')"));
        Assert.False(await Sql.ScalarAsync<bool>(app, "select corner_can(gen_random_uuid(), 'moments', 'delete')"));
    }

    [Fact]
    public async Task FormerMember_InTheDatabase_ReadsWhatWasSharedButCannotWrite()
    {
        var leaver = await factory.CreatePersonAsync();
        var stays = await factory.CreatePersonAsync();
        var stranger = await factory.CreatePersonAsync();
        var bond = await TestSpaces.CreateAsync(factory, "A space someone leaves", stays, leaver);
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);

        const string note = """
            insert into cycle_times (id, bond_id, noted_by, request_key, local_date, parts, reconnected, created_at)
            values (gen_random_uuid(), $1, $2, gen_random_uuid(), current_date, '{pursue}', 'same_day', now())
            """;
        await using (var transaction = await ActAsAsync(app, leaver.Id))
        {
            Assert.Equal(1, await Sql.ExecuteAsync(app, note, bond, leaver.Id));
            Assert.Equal(1, await Sql.ExecuteAsync(app, "update bond_members set left_at = now() where bond_id = $1 and person_id = $2", bond, leaver.Id));
            await transaction.CommitAsync();
        }

        await using (await ActAsAsync(app, leaver.Id))
        {
            Assert.Equal(1L, await Sql.ScalarAsync<long>(app, "select count(*) from cycle_times where bond_id = $1", bond));
            Assert.True(await Sql.ScalarAsync<bool>(app, "select corner_can($1, 'cycle-map', 'read')", bond));
            Assert.False(await Sql.ScalarAsync<bool>(app, "select corner_can($1, 'cycle-map', 'write')", bond));
            Assert.Equal(0, await Sql.ExecuteAsync(app, "delete from cycle_times where bond_id = $1", bond));
        }
        await using (await ActAsAsync(app, leaver.Id))
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(app, note, bond, leaver.Id));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        await using (await ActAsAsync(app, stranger.Id))
            Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from cycle_times where bond_id = $1", bond));
        await using (await ActAsAsync(app, stays.Id))
            Assert.True(await Sql.ScalarAsync<bool>(app, "select corner_can($1, 'cycle-map', 'write')", bond));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from cycle_times where bond_id = $1", bond));
    }

    private static async Task<NpgsqlTransaction> ActAsAsync(NpgsqlConnection connection, Guid personId)
    {
        var transaction = await connection.BeginTransactionAsync();
        await Sql.ExecuteAsync(connection, "select set_config('corner.person_id', $1, true), set_config('corner.system', 'off', true)", personId.ToString());
        return transaction;
    }
}
