using Corner.IntegrationTests.Support;
using Corner.Web.Features.Reconnection;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>The reconnection plan and the pause signal's part of the harness: every page and API route under a space.</summary>
public sealed partial class AuthorizationHarnessTests
{
    private static HarnessFeature Reconnection => new(
        [
            new("GET", "/spaces/{bondId}/reconnect") { VictimMarker = v => v.Canary("canary-plan-sign-") },
            new("POST", "/spaces/{bondId}/reconnect", "confirm") { Form = _ => new() { ["version"] = "1" } },
            new("GET", "/spaces/{bondId}/reconnect/edit") { VictimMarker = v => v.Canary("canary-plan-sign-") },
            new("POST", "/spaces/{bondId}/reconnect/edit")
            {
                Form = _ => new() { ["BaseVersion"] = "1", ["Sign"] = "rewritten by someone else", ["RepairPhrase"] = "not yours" },
            },
            new("GET", "/spaces/{bondId}/pause"),
            new("POST", "/spaces/{bondId}/pause") { Form = _ => new() { ["Length"] = "20" } },
            new("POST", "/spaces/{bondId}/pause", "end") { Form = v => new() { ["pauseId"] = v.Id("pauseId").ToString() } },
            new("POST", "/spaces/{bondId}/pause", "ready") { Form = v => new() { ["pauseId"] = v.Id("pauseId").ToString() } },
            new("POST", "/spaces/{bondId}/pause", "longer") { Form = v => new() { ["pauseId"] = v.Id("pauseId").ToString() } },
            new("GET", "/spaces/{bondId}/pause/panel") { VictimMarker = v => v.Canary("canary-plan-steps-") },
            new("GET", "/api/v1/spaces/{bondId}/reconnection-plan") { VictimMarker = v => v.Canary("canary-plan-sign-") },
            new("PUT", "/api/v1/spaces/{bondId}/reconnection-plan")
            {
                Json = _ => new { baseVersion = 1, sign = "rewritten by someone else", repairPhrase = "not yours" },
            },
            new("POST", "/api/v1/spaces/{bondId}/reconnection-plan/confirm") { Json = _ => new { version = 1 } },
            new("GET", "/api/v1/spaces/{bondId}/pause") { VictimMarker = v => v.Id("pauseId").ToString() },
            new("POST", "/api/v1/spaces/{bondId}/pauses") { Json = _ => new { minutes = 20 } },
            new("POST", "/api/v1/spaces/{bondId}/pauses/{pauseId}/end") { Json = _ => new { } },
            new("POST", "/api/v1/spaces/{bondId}/pauses/{pauseId}/ready") { Json = _ => new { } },
            new("POST", "/api/v1/spaces/{bondId}/pauses/{pauseId}/longer") { Json = _ => new { } },
        ],
        SeedReconnectionAsync,
        """
        select 'reconnection plan ' || p::text from reconnection_plans p where p.bond_id = $1
        union all select 'plan change ' || c::text from reconnection_plan_changes c where c.bond_id = $1
        union all select 'plan confirmation ' || c::text from reconnection_plan_confirmations c where c.bond_id = $1
        union all select 'pause ' || p::text from pauses p where p.bond_id = $1
        """);

    /// <summary>A writes the plan (its words are canaries), B confirms it, and A is in a long pause.</summary>
    private static async Task SeedReconnectionAsync(CornerAppFactory factory, Victims world)
    {
        var sign = "canary-plan-sign-" + Guid.NewGuid().ToString("N");
        var steps = "canary-plan-steps-" + Guid.NewGuid().ToString("N");
        world.Canaries.Add(sign);
        world.Canaries.Add(steps);
        var phrase = "canary-plan-phrase-" + Guid.NewGuid().ToString("N");
        world.Canaries.Add(phrase);
        await factory.InScopeAsync(world.A.Id, async sp =>
        {
            var saved = await sp.GetRequiredService<ReconnectionPlans>().SaveAsync(world.Space, world.A.Id, 0,
                new PlanInput(sign, steps, "We meet in the kitchen", phrase));
            return saved.Saved ? 0 : throw new InvalidOperationException("The victims' plan was not saved.");
        });
        await factory.InScopeAsync(world.B.Id, async sp =>
            (await sp.GetRequiredService<ReconnectionPlans>().ConfirmAsync(world.Space, world.B.Id, 1)).Problem is null
                ? 0 : throw new InvalidOperationException("The victims' plan was not confirmed."));
        world.Ids["pauseId"] = await factory.InScopeAsync(world.A.Id, async sp =>
            (await sp.GetRequiredService<PauseSignal>().StartAsync(world.Space, world.A.Id, PauseSignal.MaxMinutes)).Pause!.Id);
    }
}
