using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Corner.IntegrationTests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace Corner.IntegrationTests.Infrastructure.Performance;

/// <summary>
/// Every query the main pages send reads through an index by the space or person it is about (issue 11), so
/// its cost follows what one person sees, not the size of Corner. Each command a page really sent is prepared
/// again as the app role and explained as a generic plan (the plan a prepared statement keeps, for any person)
/// with sequential scans priced out: a Seq Scan that is still chosen then means no index can serve that query,
/// which is the query that would grow with the table; so does an index scan with no condition (the whole index). The test database is small, so without that setting
/// PostgreSQL would rightly scan the few rows it has and the test could not fail.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class QueryPlanTests(CornerAppFactory factory, ITestOutputHelper output) : IDisposable
{
    private readonly SqlCommandLog _log = new();

    public static TheoryData<string> Pages => [.. SqlCommandLog.MainPages];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_WhenItsQueriesArePlanned_ReadsEveryTableThroughAnIndex(string page)
    {
        var (client, bondId) = await SqlCommandLog.LivedInSpaceAsync(factory);
        var (status, commands) = await _log.CommandsOfAsync(client, page.Replace("{bond}", bondId.ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, status);

        var scans = new List<string>();
        // A batch (the space home's cards) is one command of several statements: each is planned on its own.
        foreach (var command in commands.SelectMany(c => StatementSeparator().Split(c)).Distinct()
            .Where(c => !c.Contains("set_config", StringComparison.Ordinal)))
        {
            var plan = await GenericPlanAsync(command);
            var tables = SequentialScans(plan).ToList();
            output.WriteLine($"{(tables.Count == 0 ? "ok  " : "SEQ ")} {Shorten(command)}");
            scans.AddRange(tables.Select(t => $"{t}: {Shorten(command)}"));
        }

        Assert.True(scans.Count == 0, $"{page} scans whole tables:\n" + string.Join("\n", scans));
    }

    /// <summary>
    /// The row-security helpers run for every row a policy checks. As security-definer SQL functions PostgreSQL cannot
    /// inline them and parsed and planned their bodies again for every statement (more than half of its work for the
    /// space home); in PL/pgSQL with generic plans they keep one plan per session (migration 0036). A helper added later
    /// the old way would quietly bring that back.
    /// </summary>
    [Fact]
    public async Task RowSecurityHelpers_AreSecurityDefinerPlpgsql_WithGenericPlans()
    {
        _ = factory.Services; // starts the app, which migrates the database
        await using var connection = new NpgsqlConnection(TestDatabase.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select p.proname, l.lanname, coalesce(array_to_string(p.proconfig, ','), '')
            from pg_proc p join pg_language l on l.oid = p.prolang
            where p.pronamespace = 'public'::regnamespace and p.proname like 'corner\_%' and p.prosecdef and p.provolatile = 's'
            order by 1
            """, connection);
        var helpers = new List<string>();
        var wrong = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                helpers.Add(reader.GetString(0));
                if (reader.GetString(1) != "plpgsql" || !reader.GetString(2).Contains("plan_cache_mode=force_generic_plan", StringComparison.Ordinal))
                    wrong.Add($"{reader.GetString(0)} ({reader.GetString(1)}; {reader.GetString(2)})");
            }

        Assert.Contains("corner_can", helpers);
        Assert.True(wrong.Count == 0, "Row-security helpers planned per statement or per call: " + string.Join(", ", wrong));
    }

    private static async Task<JsonElement> GenericPlanAsync(string command)
    {
        // EF names its parameters (@bondId); PREPARE wants them numbered.
        var names = new List<string>();
        var sql = NamedParameter().Replace(command, m =>
        {
            var index = names.IndexOf(m.Groups[1].Value);
            if (index < 0) { names.Add(m.Groups[1].Value); index = names.Count - 1; }
            return "$" + (index + 1);
        });
        var count = Math.Max(names.Count, NumberedParameter().Matches(sql).Select(m => int.Parse(m.Groups[1].Value)).DefaultIfEmpty(0).Max());

        await using var connection = new NpgsqlConnection(TestDatabase.AppConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Execute(connection, "set local enable_seqscan = off; set local plan_cache_mode = force_generic_plan; "
            + $"select set_config('corner.person_id', '{Guid.NewGuid()}', true)");
        await Execute(connection, $"prepare planned as {sql}");
        await using var explain = new NpgsqlCommand(
            $"explain (format json) execute planned({string.Join(", ", Enumerable.Repeat("null", count))})", connection);
        var json = (string)(await explain.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        return JsonDocument.Parse(json).RootElement[0].GetProperty("Plan").Clone();
    }

    private static IEnumerable<string> SequentialScans(JsonElement node)
    {
        // A Seq Scan reads the whole table; an index scan with no condition reads the whole index, which grows
        // the same way (seen when sequential scans are priced out and an index is merely there).
        var type = node.GetProperty("Node Type").GetString();
        if (type == "Seq Scan" || (type is "Index Scan" or "Index Only Scan" && !node.TryGetProperty("Index Cond", out _)))
            yield return $"{type} on {node.GetProperty("Relation Name").GetString()}";
        if (node.TryGetProperty("Plans", out var children))
            foreach (var child in children.EnumerateArray())
                foreach (var table in SequentialScans(child))
                    yield return table;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static string Shorten(string sql) => sql.Length <= 160 ? sql : sql[..160] + "...";

    [GeneratedRegex(@";\s+")]
    private static partial Regex StatementSeparator();

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex NamedParameter();

    [GeneratedRegex(@"\$(\d+)")]
    private static partial Regex NumberedParameter();

    public void Dispose() => _log.Dispose();
}
