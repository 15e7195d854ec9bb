using Corner.IntegrationTests.Support;
using Corner.Web.Features.Moments;
using Corner.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>Moments' part of the harness: in the victims' space A asks B for backing, B records a moment
/// of backing A, and A writes a missed moment; every text is a canary.</summary>
public sealed partial class AuthorizationHarnessTests
{
    private static HarnessFeature Moments => new(MomentRecipes, SeedMomentsAsync, MomentsSnapshotSql);

    private static Recipe[] MomentRecipes =>
    [
        new("GET", "/spaces/{bondId}/moments") { VictimMarker = v => v.Canary("canary-moment-") },
        new("GET", "/spaces/{bondId}/moments/new"),
        new("POST", "/spaces/{bondId}/moments/new")
        {
            Form = _ => new() { ["SubmissionId"] = Guid.NewGuid().ToString(), ["Situation"] = "Not yours", ["Noticed"] = "Not yours either" },
        },
        new("GET", "/spaces/{bondId}/moments/{momentId}") { VictimMarker = v => v.Canary("canary-moment-") },
        new("POST", "/spaces/{bondId}/moments/{momentId}", "answer") { Form = _ => new() { ["answer"] = "partly", ["more"] = "not yours" } },
        new("POST", "/spaces/{bondId}/moments/{momentId}", "reinforce") { Form = _ => new() { ["words"] = "not yours" } },
        new("GET", "/spaces/{bondId}/asks/new"),
        new("POST", "/spaces/{bondId}/asks/new")
        {
            Form = _ => new() { ["SubmissionId"] = Guid.NewGuid().ToString(), ["OnDate"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), ["Situation"] = "Not yours" },
        },
        new("GET", "/spaces/{bondId}/missed/new"),
        new("POST", "/spaces/{bondId}/missed/new")
        {
            Form = _ => new() { ["SubmissionId"] = Guid.NewGuid().ToString(), ["Side"] = "should_have", ["What"] = "Not yours" },
        },
        new("GET", "/spaces/{bondId}/missed/{missedId}") { VictimMarker = v => v.Canary("canary-missed-") },
        new("POST", "/spaces/{bondId}/missed/{missedId}", "respond") { Form = _ => new() { ["words"] = "not yours" } },
        new("POST", "/spaces/{bondId}/missed/{missedId}", "repaired") { Form = _ => new() },
        new("GET", "/api/v1/spaces/{bondId}/moments") { VictimMarker = v => v.Canary("canary-moment-") },
        new("GET", "/api/v1/spaces/{bondId}/moments/summary") { VictimMarker = _ => "momentsRecorded" },
        new("POST", "/api/v1/spaces/{bondId}/moments") { Json = _ => new { submissionId = Guid.NewGuid(), situation = "Not yours", noticed = "Not yours" } },
        new("GET", "/api/v1/spaces/{bondId}/moments/{momentId}") { VictimMarker = v => v.Canary("canary-moment-") },
        new("POST", "/api/v1/spaces/{bondId}/moments/{momentId}/answer") { Json = _ => new { answer = "partly", more = "not yours" } },
        new("POST", "/api/v1/spaces/{bondId}/moments/{momentId}/reinforce") { Json = _ => new { words = "not yours" } },
        new("POST", "/api/v1/spaces/{bondId}/asks") { Json = _ => new { submissionId = Guid.NewGuid(), date = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), situation = "Not yours" } },
        new("GET", "/api/v1/spaces/{bondId}/asks/{askId}") { VictimMarker = v => v.Canary("canary-ask-") },
        new("POST", "/api/v1/spaces/{bondId}/missed-moments") { Json = _ => new { submissionId = Guid.NewGuid(), side = "should_have", what = "Not yours" } },
        new("GET", "/api/v1/spaces/{bondId}/missed-moments/{missedId}") { VictimMarker = v => v.Canary("canary-missed-") },
        new("POST", "/api/v1/spaces/{bondId}/missed-moments/{missedId}/response") { Json = _ => new { words = "not yours" } },
        new("POST", "/api/v1/spaces/{bondId}/missed-moments/{missedId}/repaired") { Json = _ => new { } },
        new("POST", "/spaces/{bondId}/moments/{momentId}", "takeback") { Form = _ => new() },
        new("POST", "/spaces/{bondId}/missed/{missedId}", "takeback") { Form = _ => new() },
        new("POST", "/spaces/{bondId}/moments", "takebackask") { Form = v => new() { ["askId"] = v.Id("askId").ToString() } },
        new("DELETE", "/api/v1/spaces/{bondId}/moments/{momentId}"),
        new("DELETE", "/api/v1/spaces/{bondId}/asks/{askId}"),
        new("DELETE", "/api/v1/spaces/{bondId}/missed-moments/{missedId}"),
    ];

    /// <summary>Canaries: the moment's situation, the ask's, the missed moment's, and their other texts.</summary>
    private static async Task SeedMomentsAsync(CornerAppFactory factory, Victims world)
    {
        string Canary(string what) => $"canary-{what}-{Guid.NewGuid():N}";
        var momentSituation = Canary("moment");
        var askSituation = Canary("ask");
        var missedWhat = Canary("missed");
        var noticed = Canary("noticed");
        var help = Canary("help");
        var reflection = Canary("reflection");
        world.Canaries.AddRange([momentSituation, askSituation, missedWhat, noticed, help, reflection]);

        var askId = await factory.InScopeAsync(world.A.Id, async sp =>
        {
            var today = await sp.GetRequiredService<PersonalDay>().TodayAsync(world.A.Id);
            var (created, _) = await sp.GetRequiredService<BackingAskWriter>().AskAsync(world.Space, world.A.Id,
                new AskInput(Guid.NewGuid(), today.AddDays(5), askSituation, help));
            return created!.Id;
        });
        var momentId = await factory.InScopeAsync(world.B.Id, async sp =>
            (await sp.GetRequiredService<MomentWriter>().RecordAsync(world.Space, world.B.Id,
                new MomentInput(Guid.NewGuid(), null, momentSituation, noticed, null, null))).Created!.Id);
        var missedId = await factory.InScopeAsync(world.A.Id, async sp =>
            (await sp.GetRequiredService<MissedMomentWriter>().WriteAsync(world.Space, world.A.Id,
                new MissedMomentInput(Guid.NewGuid(), MissedMomentWriter.WishYouHad, missedWhat, ["stress"], reflection))).Created!.Id);
        world.Ids["askId"] = askId;
        world.Ids["momentId"] = momentId;
        world.Ids["missedId"] = missedId;
    }

    private const string MomentsSnapshotSql = """
        select 'moment ' || m::text from moments m where m.bond_id = $1
        union all select 'backing ask ' || a::text from backing_asks a where a.bond_id = $1
        union all select 'missed moment ' || x::text from missed_moments x where x.bond_id = $1
        """;
}
