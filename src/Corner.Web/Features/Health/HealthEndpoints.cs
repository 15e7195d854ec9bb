using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Npgsql;

namespace Corner.Web.Features.Health;

public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Text("live"))
            .AllowAnonymous().WithMetadata(new WithoutRequestTransactionAttribute())
            .ExcludeFromDescription();

        // Ready when the database answers and every migration this build carries is applied.
        app.MapGet("/health/ready", async Task<IResult> (NpgsqlDataSource dataSource, CancellationToken ct) =>
            {
                var expected = MigrationRunner.LoadEmbedded().Select(m => m.Version).ToHashSet();
                try
                {
                    await using var command = dataSource.CreateCommand("select version from schema_migrations");
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    while (await reader.ReadAsync(ct))
                        expected.Remove(reader.GetInt32(0));
                }
                catch (PostgresException)
                {
                    return TypedResults.Text("migrations not applied", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                catch (NpgsqlException)
                {
                    return TypedResults.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
                return expected.Count == 0
                    ? TypedResults.Text("ready")
                    : TypedResults.Text($"{expected.Count} migration(s) pending", statusCode: StatusCodes.Status503ServiceUnavailable);
            })
            .AllowAnonymous().WithMetadata(new WithoutRequestTransactionAttribute())
            .ExcludeFromDescription();
    }
}
