using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Quiz;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Quiz;

[Collection(AppCollection.Name)]
public sealed class QuizTests(CornerAppFactory factory)
{
    private sealed record Couple(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient);

    private async Task<Couple> CoupleAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        return new Couple(ana, ben, bondId, await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
    }

    private QuizBank Bank => factory.Services.GetRequiredService<QuizBank>();

    /// <summary>Every statement answered <paramref name="rest"/>, except the dimension <paramref name="high"/> at 5.</summary>
    private Dictionary<string, string> Form(int rest, string high, string intent = "finish")
    {
        var fields = Bank.StatementIds.ToDictionary(s => "q." + s, s => (s.StartsWith(high + "_", StringComparison.Ordinal) ? 5 : rest).ToString());
        fields["intent"] = intent;
        return fields;
    }

    private static Task<HttpResponseMessage> AnswerApiAsync(HttpClient client, Guid bondId, object body) =>
        client.PutAsJsonAsync($"/api/v1/spaces/{bondId}/quiz/answers", body);

    private static string Text(string html, string selector) =>
        string.Join("\n", Html.Parse(html).QuerySelectorAll(selector).Select(e => e.TextContent.Trim()));

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task Finish_WhenOnlyOneHasFinished_ShowsTheOtherNothingThroughPagesApiOrDatabase()
    {
        var (ana, ben, bondId, anaClient, benClient) = await CoupleAsync();
        var benHomeBefore = Text(await benClient.GetStringAsync($"/spaces/{bondId}"), "#quiz-card");

        var finished = await anaClient.SubmitFormAsync($"/spaces/{bondId}/quiz/answer", Form(2, "appreciation"));
        Assert.True(finished.StatusCode.IsRedirect(), $"finishing answered {(int)finished.StatusCode}");
        Assert.Contains("Your answers are in", Text(await anaClient.GetStringAsync($"/spaces/{bondId}/quiz"), "main"));

        // Ben's home, quiz page and API look exactly as if Ana had done nothing.
        Assert.Equal(benHomeBefore, Text(await benClient.GetStringAsync($"/spaces/{bondId}"), "#quiz-card"));
        var benQuiz = Text(await benClient.GetStringAsync($"/spaces/{bondId}/quiz"), "main");
        Assert.DoesNotContain("Your answers are in", benQuiz);
        Assert.DoesNotContain("finished the quiz", benQuiz);
        var api = await benClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz");
        Assert.Equal(JsonValueKind.Null, api.GetProperty("inProgress").ValueKind);
        Assert.Equal(0, api.GetProperty("results").GetArrayLength());
        Assert.DoesNotContain("finished the quiz", Text(await benClient.GetStringAsync($"/spaces/{bondId}"), ".waiting"));

        // The database agrees: as Ben, none of Ana's answers or her finish exist.
        var (answers, finishes) = await factory.InScopeAsync(ben.Id, async sp =>
        {
            var db = sp.GetRequiredService<Corner.Web.Data.CornerDbContext>();
            var a = await db.Database.SqlQuery<int>($"""select count(*)::int as "Value" from quiz_answers where bond_id = {bondId}""").ToListAsync();
            var f = await db.Database.SqlQuery<int>($"""select count(*)::int as "Value" from quiz_finishes where bond_id = {bondId}""").ToListAsync();
            return (a.Single(), f.Single());
        });
        Assert.Equal((0, 0), (answers, finishes));
        _ = ana;
    }

    [Fact]
    public async Task Finish_WhenBothHaveFinished_RevealsTheSameResultToBothWithItsGrowingEdgeLinksAndTellsTheFirst()
    {
        var (_, _, bondId, anaClient, benClient) = await CoupleAsync();
        await anaClient.SubmitFormAsync($"/spaces/{bondId}/quiz/answer", Form(2, "appreciation"));

        var response = await benClient.SubmitFormAsync($"/spaces/{bondId}/quiz/answer", Form(3, "appreciation"));
        Assert.True(response.StatusCode.IsRedirect());

        var anaHome = await anaClient.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains("Ben finished the quiz. Your result is ready.", Text(anaHome, ".waiting"));
        Assert.Contains("Your secret strength: Appreciation", Text(anaHome, "#quiz-card"));
        var anaPage = await anaClient.GetStringAsync($"/spaces/{bondId}/quiz");
        var benPage = await benClient.GetStringAsync($"/spaces/{bondId}/quiz");
        Assert.Equal(Text(anaPage, ".quiz-result"), Text(benPage, ".quiz-result"));
        Assert.Contains("Your secret strength: Appreciation", Text(benPage, "h2"));
        var document = Html.Parse(benPage);
        Assert.NotNull(document.QuerySelector(".quiz-result svg[role=img] title"));
        Assert.Contains("A growing edge", document.QuerySelector("tr[data-dimension=repair]")!.TextContent);
        Assert.Contains("A shared strength", document.QuerySelector("tr[data-dimension=appreciation]")!.TextContent);
        Assert.Equal($"/spaces/{bondId}/missed/new", document.QuerySelectorAll(".quiz-edges a")
            .Single(a => a.TextContent.Contains("missed moment", StringComparison.Ordinal)).GetAttribute("href"));
        Assert.DoesNotContain("%", Text(benPage, ".quiz-result"));
        Assert.DoesNotContain("total", Text(benPage, ".quiz-result"), StringComparison.OrdinalIgnoreCase);
        // Seen once (the page posts that it was shown): the notice is gone.
        await anaClient.ViewPageAsync($"/spaces/{bondId}/quiz");
        Assert.DoesNotContain("finished the quiz", Text(await anaClient.GetStringAsync($"/spaces/{bondId}"), ".waiting"));
    }

    [Fact]
    public async Task Result_ThroughTheApi_AnswersNotFoundUntilBothFinished()
    {
        var (_, _, bondId, anaClient, benClient) = await CoupleAsync();
        var all = Bank.StatementIds.ToDictionary(s => s, _ => 4);
        Assert.Equal(HttpStatusCode.OK, (await AnswerApiAsync(anaClient, bondId, new { answers = all, finish = true })).StatusCode);
        var roundId = await factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<Corner.Web.Data.CornerDbContext>();
            return (await db.Database.SqlQuery<Guid>($"""select id as "Value" from quiz_rounds where bond_id = {bondId}""").ToListAsync()).Single();
        });

        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.GetAsync($"/api/v1/spaces/{bondId}/quiz/rounds/{roundId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await benClient.GetAsync($"/api/v1/spaces/{bondId}/quiz/rounds/{roundId}")).StatusCode);

        var second = await AnswerApiAsync(benClient, bondId, new { answers = all, finish = true });
        Assert.True((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revealed").GetBoolean());
        var result = await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz/rounds/{roundId}");
        Assert.Equal("toward", result.GetProperty("headline").GetString());
    }

    [Theory]
    [InlineData("six")]
    [InlineData("zero")]
    [InlineData("unknown statement")]
    public async Task Answer_WithBadInputThroughTheApi_AnswersBadRequestAndLosesNothing(string bad)
    {
        var (_, _, bondId, anaClient, _) = await CoupleAsync();
        await AnswerApiAsync(anaClient, bondId, new { answers = new Dictionary<string, int> { ["toward_1"] = 4 } });
        var (answers, code) = bad switch
        {
            "six" => (new Dictionary<string, int> { ["toward_2"] = 6 }, "out_of_range"),
            "zero" => (new Dictionary<string, int> { ["toward_2"] = 0 }, "out_of_range"),
            _ => (new Dictionary<string, int> { ["toward_2"] = 3, ["telepathy_1"] = 3 }, "unknown_statement"),
        };

        var response = await AnswerApiAsync(anaClient, bondId, new { answers });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await CodeAsync(response));
        var mine = (await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz")).GetProperty("inProgress").GetProperty("answers");
        Assert.Equal(4, mine.GetProperty("toward_1").GetInt32());
        Assert.False(mine.TryGetProperty("toward_2", out _));
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("7")]
    public async Task Answer_WithBadInputThroughThePage_SaysWhatIsWrongAndKeepsWhatWasChosen(string value)
    {
        var (_, _, bondId, anaClient, _) = await CoupleAsync();
        var fields = Form(4, "toward", "save");
        fields["q.back_1"] = value;

        var response = await anaClient.SubmitFormAsync($"/spaces/{bondId}/quiz/answer", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Please choose one of the five answers.", document.QuerySelector("[role=alert]")!.TextContent);
        Assert.NotNull(document.QuerySelector("input[name='q.toward_1'][value='5'][checked]"));
        Assert.NotNull(document.QuerySelector("input[name='q.repair_2'][value='4'][checked]"));
    }

    [Fact]
    public async Task Finish_WithSomeStatementsUnanswered_SaysSoAndKeepsWhatWasAnswered()
    {
        var (_, _, bondId, anaClient, _) = await CoupleAsync();

        var response = await AnswerApiAsync(anaClient, bondId, new { answers = new Dictionary<string, int> { ["toward_1"] = 4 }, finish = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("not_all_answered", await CodeAsync(response));
        var page = await anaClient.GetStringAsync($"/spaces/{bondId}/quiz/answer");
        Assert.NotNull(Html.Parse(page).QuerySelector("input[name='q.toward_1'][value='4'][checked]"));
        Assert.Contains($"You have answered 1 of {Bank.StatementCount}.", Text(page, "main"));
    }

    [Fact]
    public async Task Answer_AfterFinishing_AnswersConflictAndKeepsTheFinishedAnswers()
    {
        var (_, _, bondId, anaClient, _) = await CoupleAsync();
        await AnswerApiAsync(anaClient, bondId, new { answers = Bank.StatementIds.ToDictionary(s => s, _ => 4), finish = true });

        var response = await AnswerApiAsync(anaClient, bondId, new { answers = new Dictionary<string, int> { ["toward_1"] = 1 } });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var mine = (await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz")).GetProperty("inProgress");
        Assert.True(mine.GetProperty("finished").GetBoolean());
        Assert.Equal(4, mine.GetProperty("answers").GetProperty("toward_1").GetInt32());
    }

    [Fact]
    public async Task Answer_ForTheOtherPerson_OnlyEverChangesTheCallersOwnAnswers()
    {
        var (ana, ben, bondId, anaClient, benClient) = await CoupleAsync();
        await AnswerApiAsync(benClient, bondId, new { answers = new Dictionary<string, int> { ["toward_1"] = 2 } });

        // There is no way to name a person: an extra field is ignored, and the answer is Ana's own.
        var response = await anaClient.PutAsJsonAsync($"/api/v1/spaces/{bondId}/quiz/answers",
            new { personId = ben.Id, answers = new Dictionary<string, int> { ["toward_1"] = 5 } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bens = (await benClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz")).GetProperty("inProgress").GetProperty("answers");
        Assert.Equal(2, bens.GetProperty("toward_1").GetInt32());
        _ = ana;
    }

    [Fact]
    public async Task Answer_TwiceAtOnce_NeverFailsAndKeepsOneRound()
    {
        var (_, _, bondId, anaClient, benClient) = await CoupleAsync();
        var all = Bank.StatementIds.ToDictionary(s => s, _ => 3);

        var responses = await Task.WhenAll(
            AnswerApiAsync(anaClient, bondId, new { answers = all }),
            AnswerApiAsync(anaClient, bondId, new { answers = all }),
            AnswerApiAsync(benClient, bondId, new { answers = all }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        // Both finish at the same moment: the round is revealed once, to both.
        var finishes = await Task.WhenAll(
            AnswerApiAsync(anaClient, bondId, new { answers = new Dictionary<string, int>(), finish = true }),
            AnswerApiAsync(benClient, bondId, new { answers = new Dictionary<string, int>(), finish = true }));
        Assert.All(finishes, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await Task.WhenAll(finishes.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revealed").GetBoolean())), revealed => revealed);
        var state = await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz");
        Assert.Equal(1, state.GetProperty("results").GetArrayLength());
        Assert.Equal(1, state.GetProperty("results")[0].GetProperty("round").GetInt32());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"v":1,"answers":{"toward_1":9}}""")]
    [InlineData("""{"v":1,"answers":{"toward_1":4},"finished":true}""")]
    public async Task Carry_WithAMalformedOrForgedBlob_SaysSoClearlyAndChangesNothing(string blob)
    {
        var (_, _, bondId, anaClient, _) = await CoupleAsync();

        var page = await anaClient.SubmitFormAsync($"/spaces/{bondId}", new Dictionary<string, string> { ["Blob"] = blob }, $"/spaces/{bondId}/quiz?handler=carry");
        var api = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/quiz/carry", new { blob });

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("We couldn't read the answers kept in this browser.", Text(await page.Content.ReadAsStringAsync(), "[role=alert]"));
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Equal("blob_malformed", await CodeAsync(api));
        var state = await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz");
        Assert.Equal(JsonValueKind.Null, state.GetProperty("inProgress").ValueKind);
    }

    [Fact]
    public async Task Carry_WithACompleteBlob_BecomesTheCallersFinishedHalf()
    {
        var (_, _, bondId, anaClient, _) = await CoupleAsync();
        var blob = JsonSerializer.Serialize(new { v = 1, answers = Bank.StatementIds.ToDictionary(s => s, _ => 4) });

        var response = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/quiz/carry", new { blob });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var mine = (await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/quiz")).GetProperty("inProgress");
        Assert.True(mine.GetProperty("finished").GetBoolean());
        Assert.Equal(Bank.StatementCount, mine.GetProperty("answered").GetInt32());
    }

    [Fact]
    public async Task Invitation_WhenTheInviterHasBegunAQuizRound_TellsTheInviteeAQuizIsWaiting()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var bondId = await factory.CreateSpaceAsync("Ana's space", ana);
        var anaClient = await factory.SignedInClientAsync(ana);
        var (token, hash) = Corner.Web.Features.Bonds.InvitationToken.Create();
        await factory.InScopeAsync(null, sp =>
        {
            sp.GetRequiredService<Corner.Web.Data.CornerDbContext>().Invitations.Add(new Corner.Web.Data.Invitation
            {
                Id = Guid.NewGuid(),
                BondId = bondId,
                TokenHash = hash,
                CreatedBy = ana.Id,
                CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(7),
            });
            return Task.FromResult(0);
        });
        var visitor = factory.NewClient();
        Assert.Empty(Html.Parse(await visitor.GetStringAsync($"/join/{token}")).QuerySelectorAll("[data-quiz-waiting]"));

        var saved = await anaClient.SubmitFormAsync($"/spaces/{bondId}/quiz/answer", Form(3, "appreciation", "save"));
        Assert.True(saved.StatusCode.IsRedirect(), $"saving answered {(int)saved.StatusCode}");

        var join = Html.Parse(await visitor.GetStringAsync($"/join/{token}"));
        Assert.Contains("quiz is waiting", join.QuerySelector("[data-quiz-waiting]")?.TextContent ?? "", StringComparison.Ordinal);
    }
}
