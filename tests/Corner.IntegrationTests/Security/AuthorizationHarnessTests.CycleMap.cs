using Corner.IntegrationTests.Support;
using Corner.Web.Features.CycleMap;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>The cycle map's part of the harness: A's shared half, B's private draft and a noted time, all with canaries.</summary>
public sealed partial class AuthorizationHarnessTests
{
    private static HarnessFeature CycleMap => new(CycleMapRecipes, SeedCycleMapAsync, CycleMapSnapshotSql);

    private static readonly Dictionary<string, string> PlausibleHalfForm = new()
    {
        ["Trigger"] = "written by someone else",
        ["Reaction"] = "not yours",
        ["Behaviours"] = "flight.go_quiet",
        ["Then"] = "share",
    };

    private static Recipe[] CycleMapRecipes =>
    [
        new("GET", "/spaces/{bondId}/cycle") { VictimMarker = v => v.Canary("canary-cycle-shared-half-") },
        new("GET", "/spaces/{bondId}/cycle/my-half") { VictimMarker = v => v.Canary("canary-cycle-draft-half-") },
        new("POST", "/spaces/{bondId}/cycle/my-half") { Form = _ => PlausibleHalfForm },
        new("POST", "/spaces/{bondId}/cycle/my-half", "unshare") { Form = _ => [] },
        new("GET", "/spaces/{bondId}/cycle/times") { VictimMarker = v => v.Canary("canary-cycle-time-note-") },
        new("POST", "/spaces/{bondId}/cycle/times", "delete") { Form = v => new() { ["timeId"] = v.Id("timeId").ToString() } },
        new("GET", "/spaces/{bondId}/cycle/times/new"),
        new("POST", "/spaces/{bondId}/cycle/times/new")
        {
            Form = _ => new() { ["Date"] = "2026-01-10", ["Reconnected"] = "same_day", ["Note"] = "not yours", ["RequestKey"] = Guid.NewGuid().ToString() },
        },
        new("GET", "/api/v1/spaces/{bondId}/cycle") { VictimMarker = v => v.Canary("canary-cycle-shared-half-") },
        new("PUT", "/api/v1/spaces/{bondId}/cycle/my-half") { Json = _ => new { trigger = "not yours", behaviours = new[] { "fight.criticise" } } },
        new("POST", "/api/v1/spaces/{bondId}/cycle/my-half/share") { Json = _ => new { } },
        new("POST", "/api/v1/spaces/{bondId}/cycle/my-half/unshare") { Json = _ => new { } },
        new("GET", "/api/v1/spaces/{bondId}/cycle/times") { VictimMarker = v => v.Canary("canary-cycle-time-note-") },
        new("POST", "/api/v1/spaces/{bondId}/cycle/times") { Json = _ => new { date = "2026-01-10", reconnected = "same_day", note = "not yours" } },
        new("DELETE", "/api/v1/spaces/{bondId}/cycle/times/{timeId}") { Json = _ => new { } },
    ];

    /// <summary>Canaries: A's shared trigger, B's private draft and A's note on a noted time.</summary>
    private static async Task SeedCycleMapAsync(CornerAppFactory factory, Victims world)
    {
        string Canary(string what) => $"canary-cycle-{what}-{Guid.NewGuid():N}";
        var shared = Canary("shared-half");
        var draft = Canary("draft-half");
        var note = Canary("time-note");
        world.Canaries.AddRange([shared, draft, note]);
        await factory.InScopeAsync(world.A.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(world.Space, world.A.Id,
            new CycleHalfInput(["fight.chase_answer"], shared, null, null, null, null, null), share: true)).Saved!);
        await factory.InScopeAsync(world.B.Id, async sp => (await sp.GetRequiredService<CycleHalfWriter>().SaveAsync(world.Space, world.B.Id,
            new CycleHalfInput(["flight.go_quiet"], draft, null, null, draft, null, null), share: null)).Saved!);
        var time = await factory.InScopeAsync(world.A.Id, async sp => (await sp.GetRequiredService<CycleTimeRecorder>().RecordAsync(world.Space, world.A.Id,
            Guid.NewGuid(), new CycleTimeInput(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3), ["pursue"], "next_day", note))).Saved!.TimeId);
        world.Ids["timeId"] = time;
    }

    private const string CycleMapSnapshotSql = """
        select 'cycle half ' || h::text from cycle_halves h where h.bond_id = $1
        union all select 'cycle time ' || t::text from cycle_times t where t.bond_id = $1
        """;
}
