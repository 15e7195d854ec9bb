using Corner.IntegrationTests.Support;
using Corner.Web.Features.Appreciations;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

public sealed partial class AuthorizationHarnessTests
{
    /// <summary>Appreciations and backing statements: A sends B an appreciation ({appreciationId}); B writes a statement ({statementId}).</summary>
    private static HarnessFeature Appreciations => new(
        [
            new("GET", "/spaces/{bondId}/appreciations") { VictimMarker = v => AppreciationCanary(v) },
            new("GET", "/spaces/{bondId}/appreciations/sent"),
            new("POST", "/spaces/{bondId}/appreciations/sent", "takeback") { Form = v => new() { ["appreciationId"] = v.Id("appreciationId").ToString() } },
            new("GET", "/spaces/{bondId}/appreciations/new"),
            new("POST", "/spaces/{bondId}/appreciations/new")
            {
                Form = _ => new() { ["Kind"] = "appreciate", ["Words"] = "not yours to send", ["SubmissionId"] = Guid.NewGuid().ToString() },
            },
            new("POST", "/spaces/{bondId}/appreciations/new", "prompt") { Form = _ => new() { ["Words"] = "typed so far", ["Prompt"] = "1" } },
            new("GET", "/spaces/{bondId}/backing") { VictimMarker = v => StatementCanary(v) },
            new("POST", "/spaces/{bondId}/backing", "add") { Form = _ => new() { ["Words"] = "not yours to add", ["SubmissionId"] = Guid.NewGuid().ToString() } },
            new("POST", "/spaces/{bondId}/backing", "retire") { Form = v => new() { ["statementId"] = v.Id("statementId").ToString() } },
            new("POST", "/spaces/{bondId}/backing", "takeback") { Form = v => new() { ["statementId"] = v.Id("statementId").ToString() } },
            new("POST", "/spaces/{bondId}/backing", "restore") { Form = v => new() { ["statementId"] = v.Id("statementId").ToString() } },
            new("POST", "/spaces/{bondId}/backing", "move") { Form = v => new() { ["statementId"] = v.Id("statementId").ToString(), ["direction"] = "down" } },
            new("GET", "/spaces/{bondId}/backing/{statementId}/edit") { VictimMarker = v => StatementCanary(v) },
            new("POST", "/spaces/{bondId}/backing/{statementId}/edit") { Form = _ => new() { ["Words"] = "rewritten by someone else" } },
            new("GET", "/api/v1/spaces/{bondId}/appreciations") { VictimMarker = v => AppreciationCanary(v) },
            new("GET", "/api/v1/spaces/{bondId}/appreciations/sent") { VictimMarker = _ => "\"items\":[]" },
            new("GET", "/api/v1/spaces/{bondId}/appreciations/prompt") { VictimMarker = v => v.A.DisplayName },
            new("POST", "/api/v1/spaces/{bondId}/appreciations") { Json = _ => new { kind = "admire", words = "not yours to send" } },
            new("DELETE", "/api/v1/spaces/{bondId}/appreciations/{appreciationId}"),
            new("GET", "/api/v1/spaces/{bondId}/backing") { VictimMarker = v => StatementCanary(v) },
            new("POST", "/api/v1/spaces/{bondId}/backing") { Json = _ => new { words = "not yours to add" } },
            new("PUT", "/api/v1/spaces/{bondId}/backing/{statementId}") { Json = _ => new { words = "rewritten by someone else" } },
            new("DELETE", "/api/v1/spaces/{bondId}/backing/{statementId}"),
            new("POST", "/api/v1/spaces/{bondId}/backing/{statementId}/retire") { Json = _ => new { } },
            new("POST", "/api/v1/spaces/{bondId}/backing/{statementId}/restore") { Json = _ => new { } },
            new("POST", "/api/v1/spaces/{bondId}/backing/{statementId}/move") { Json = _ => new { direction = "down" } },
        ],
        async (factory, world) =>
        {
            var appreciation = "canary-appreciation-" + Guid.NewGuid().ToString("N");
            var statement = "canary-backing-" + Guid.NewGuid().ToString("N");
            world.Ids["appreciationId"] = await factory.InScopeAsync(world.A.Id, async sp => (await sp.GetRequiredService<AppreciationWriter>()
                .SendAsync(world.Space, world.A.Id, AppreciationWriter.Appreciate, appreciation, Guid.NewGuid())).Sent!.Id);
            var statementId = await factory.InScopeAsync(world.B.Id, async sp => (await sp.GetRequiredService<BackingStatementWriter>()
                .AddAsync(world.Space, world.B.Id, statement, Guid.NewGuid())).Saved!.Id);
            // A second statement, so "move" has somewhere to go.
            await factory.InScopeAsync(world.B.Id, async sp => (await sp.GetRequiredService<BackingStatementWriter>()
                .AddAsync(world.Space, world.B.Id, "canary-backing-second-" + Guid.NewGuid().ToString("N"), Guid.NewGuid())).Saved!.Id);
            world.Ids["statementId"] = statementId;
            world.Canaries.Add(appreciation);
            world.Canaries.Add(statement);
        },
        """
        select 'appreciation ' || a::text from appreciations a where a.bond_id = $1
        union all select 'backing statement ' || s::text from backing_statements s where s.bond_id = $1
        """);

    private static string AppreciationCanary(Victims world) => world.Canaries.First(c => c.StartsWith("canary-appreciation-", StringComparison.Ordinal));

    private static string StatementCanary(Victims world) => world.Canaries.First(c => c.StartsWith("canary-backing-", StringComparison.Ordinal));
}
