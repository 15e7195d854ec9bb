using Corner.IntegrationTests.Support;
using Corner.Web.Features.PartnerMap;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

public sealed partial class AuthorizationHarnessTests
{
    /// <summary>
    /// The partner map: A answers a question (shared) and a tender one (private), B guesses, A compares with a note,
    /// B agrees to the trust screen. Victim B's GET of the map API must show A's shared answer, so it can fail.
    /// </summary>
    private static HarnessFeature PartnerMap => new(
        [
            new("GET", "/spaces/{bondId}/map"),
            new("GET", "/spaces/{bondId}/map/question"),
            new("POST", "/spaces/{bondId}/map/question", "offered") { Form = _ => new() },
            new("POST", "/spaces/{bondId}/map/question", "self")
            {
                Form = _ => new() { ["q"] = "what_matters.1", ["answer"] = "written over by someone else", ["share"] = "true" },
            },
            new("POST", "/spaces/{bondId}/map/question", "guess")
            {
                Form = _ => new() { ["q"] = "what_matters.1", ["guess"] = "a stranger's guess" },
            },
            new("POST", "/spaces/{bondId}/map/question", "compare")
            {
                Form = v => new() { ["q"] = "what_matters.1", ["guessId"] = v.Id("guessId").ToString(), ["mark"] = "not_quite", ["note"] = "not yours" },
            },
            new("POST", "/spaces/{bondId}/map/question", "takebackanswer")
            {
                Form = v => new() { ["q"] = "what_matters.1", ["answerId"] = v.Id("answerId").ToString() },
            },
            new("POST", "/spaces/{bondId}/map/question", "takebackguess")
            {
                Form = v => new() { ["q"] = "what_matters.1", ["guessId"] = v.Id("guessId").ToString() },
            },
            new("GET", "/spaces/{bondId}/map/trust"),
            new("POST", "/spaces/{bondId}/map/trust") { Form = _ => new() { ["Confirm"] = "true" } },
            new("GET", "/api/v1/spaces/{bondId}/map") { VictimMarker = v => v.Canary("canary-map-answer-") },
            new("POST", "/api/v1/spaces/{bondId}/map/answers") { Json = _ => new { question = "what_matters.1", text = "not yours", shared = true } },
            new("POST", "/api/v1/spaces/{bondId}/map/guesses") { Json = _ => new { question = "what_matters.1", text = "not yours" } },
            new("POST", "/api/v1/spaces/{bondId}/map/guesses/{guessId}/compare") { Json = _ => new { mark = "not_quite", note = "not yours" } },
            new("POST", "/api/v1/spaces/{bondId}/map/trust") { Json = _ => new { } },
            new("DELETE", "/api/v1/spaces/{bondId}/map/answers/{answerId}"),
            new("DELETE", "/api/v1/spaces/{bondId}/map/guesses/{guessId}"),
        ],
        SeedPartnerMapAsync,
        """
        select 'map answer ' || a::text from map_self_answers a where a.bond_id = $1
        union all select 'map guess ' || g::text from map_guesses g where g.bond_id = $1
        union all select 'map trust ' || t::text from map_trust t where t.bond_id = $1
        union all select 'map offer ' || o::text from map_question_offers o where o.bond_id = $1
        """);

    private static async Task SeedPartnerMapAsync(CornerAppFactory factory, Victims world)
    {
        var shared = "canary-map-answer-" + Guid.NewGuid().ToString("N");
        var tender = "canary-map-private-" + Guid.NewGuid().ToString("N");
        var guess = "canary-map-guess-" + Guid.NewGuid().ToString("N");
        var note = "canary-map-note-" + Guid.NewGuid().ToString("N");
        var answerId = await factory.InScopeAsync(world.A.Id, async sp =>
        {
            var writer = sp.GetRequiredService<MapWriter>();
            var answer = await writer.SaveSelfAsync(world.Space, world.A.Id, "what_matters.1", shared, shared: true);
            await writer.SaveSelfAsync(world.Space, world.A.Id, "soft_spots.1", tender, shared: false);
            return answer.Saved!.Id;
        });
        var guessId = await factory.InScopeAsync(world.B.Id, async sp =>
        {
            var writer = sp.GetRequiredService<MapWriter>();
            await writer.ConfirmTrustAsync(world.Space, world.B.Id);
            return (await writer.SaveGuessAsync(world.Space, world.B.Id, "what_matters.1", guess)).Saved!.Id;
        });
        await factory.InScopeAsync(world.A.Id, async sp =>
            await sp.GetRequiredService<MapWriter>().CompareAsync(world.Space, world.A.Id, guessId, MapWriter.Close, note));
        world.Ids["guessId"] = guessId;
        world.Ids["answerId"] = answerId;
        // The first canary is the victim marker of the map API: B has agreed to the trust screen and may read it.
        world.Canaries.AddRange([shared, tender, guess, note]);
    }
}
