using Corner.Web.Features.Quiz;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

public sealed partial class AuthorizationHarnessTests
{
    /// <summary>The strengths quiz: A and B finish round 1 ({roundId}, revealed); A has started round 2 alone.</summary>
    private static HarnessFeature Quiz => new(
        [
            new("GET", "/spaces/{bondId}/quiz") { VictimMarker = _ => "Your secret strength: Appreciation" },
            new("POST", "/spaces/{bondId}/quiz", "seen") { Form = _ => new() },
            new("POST", "/spaces/{bondId}/quiz", "carry") { Form = _ => new() { ["Blob"] = """{"v":1,"answers":{"toward_1":5}}""" } },
            new("GET", "/spaces/{bondId}/quiz/answer"),
            new("POST", "/spaces/{bondId}/quiz/answer") { Form = _ => new() { ["q.toward_1"] = "1", ["intent"] = "save" } },
            new("GET", "/api/v1/spaces/{bondId}/quiz") { VictimMarker = _ => "\"headline\":\"appreciation\"" },
            new("GET", "/api/v1/spaces/{bondId}/quiz/rounds/{roundId}") { VictimMarker = _ => "\"headline\":\"appreciation\"" },
            new("PUT", "/api/v1/spaces/{bondId}/quiz/answers") { Json = _ => new { answers = new Dictionary<string, int> { ["toward_1"] = 1 }, finish = false } },
            new("POST", "/api/v1/spaces/{bondId}/quiz/carry") { Json = _ => new { blob = """{"v":1,"answers":{"toward_1":5}}""" } },
        ],
        async (factory, world) =>
        {
            var bank = factory.Services.GetRequiredService<QuizBank>();
            // Appreciation is the one dimension both answer high, so it is the headline.
            Dictionary<string, int> Answers(int rest) => bank.StatementIds.ToDictionary(s => s, s => s.StartsWith("appreciation_", StringComparison.Ordinal) ? 5 : rest);
            await factory.InScopeAsync(world.A.Id, sp => sp.GetRequiredService<QuizRounds>().AnswerAsync(world.Space, world.A.Id, Answers(2), finish: true));
            await factory.InScopeAsync(world.B.Id, sp => sp.GetRequiredService<QuizRounds>().AnswerAsync(world.Space, world.B.Id, Answers(3), finish: true));
            var state = await factory.InScopeAsync(world.B.Id, async sp => (await sp.GetRequiredService<QuizRounds>().StateAsync(world.Space, world.B.Id))!);
            world.Ids["roundId"] = state.Latest!.RoundId;
            await factory.InScopeAsync(world.A.Id, sp => sp.GetRequiredService<QuizRounds>()
                .AnswerAsync(world.Space, world.A.Id, new Dictionary<string, int> { ["toward_1"] = 4 }, finish: false));
        },
        """
        select 'quiz round ' || r::text from quiz_rounds r where r.bond_id = $1
        union all select 'quiz answer ' || a::text from quiz_answers a where a.bond_id = $1
        union all select 'quiz finish ' || f::text from quiz_finishes f where f.bond_id = $1
        """);
}
