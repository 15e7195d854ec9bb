using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.PartnerMap;
using static Corner.IntegrationTests.Features.PartnerMap.PartnerMapTestKit;

namespace Corner.IntegrationTests.Features.PartnerMap;

[Collection(AppCollection.Name)]
public sealed class PartnerMapFlowTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Guess_WhenTheSubjectAnswersAndComparesWithANote_TheGuesserSeesTheMarkAndTheNote()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();

        var answered = await ana.SubmitMapFormAsync(bondId, "stress.3", "Self", ("answer", "A long walk, then tea and no phone"));
        Assert.True(answered.StatusCode.IsRedirect(), $"answer answered {(int)answered.StatusCode}");
        var guessed = await ben.SubmitMapFormAsync(bondId, "stress.3", "Guess", ("guess", "Probably a walk by the water"));
        Assert.True(guessed.StatusCode.IsRedirect(), $"guess answered {(int)guessed.StatusCode}");

        // Ana is told on the space home, and sees the guess beside her own answer.
        var home = await ana.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains("Ben guessed how you'd answer a question. See how close they came.", Text(home, ".waiting"));
        var page = await ana.GetStringAsync(QuestionPage(bondId, "stress.3"));
        Assert.Contains("Probably a walk by the water", Text(page, "#their-guess"));
        Assert.Contains("A long walk, then tea and no phone", Text(page, "#mine"));

        var compared = await ana.SubmitMapFormAsync(bondId, "stress.3", "Compare", ("mark", "close"), ("note", "The tea matters as much as the walk"));
        Assert.True(compared.StatusCode.IsRedirect(), $"compare answered {(int)compared.StatusCode}");

        var benPage = await ben.GetStringAsync(QuestionPage(bondId, "stress.3"));
        Assert.Contains("Ana says you were close.", Text(benPage, "#my-guess"));
        Assert.Contains("The tea matters as much as the walk", Text(benPage, "#my-guess"));
        var benMap = await ben.GetStringAsync($"/spaces/{bondId}/map?view=them");
        Assert.Contains("Compared so far: 0 spot on, 1 close, 0 not quite", Text(benMap, "#area-stress"));
        Assert.DoesNotContain("Ben guessed", Text(await ana.GetStringAsync($"/spaces/{bondId}"), ".waiting"));
    }

    [Fact]
    public async Task GuessAboutYou_BeforeYouHaveAnswered_StaysHiddenAndCannotBeCompared()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        var guessId = await (await ben.GuessApiAsync(bondId, new { question = "voicing.2", text = "Being asked twice, gently" })).IdOfAsync();

        var page = await ana.GetStringAsync(QuestionPage(bondId, "voicing.2"));
        Assert.Contains("Ben has guessed how you'd answer this. Answer it yourself first", Text(page, "#their-guess"));
        Assert.DoesNotContain("Being asked twice", page);
        var api = await ana.MapQuestionAsync(bondId, "voicing.2");
        Assert.Equal(JsonValueKind.Null, api.GetProperty("guessAboutMe").GetProperty("text").ValueKind);
        Assert.False(api.GetProperty("guessAboutMe").GetProperty("canCompare").GetBoolean());

        var early = await ana.CompareApiAsync(bondId, guessId, new { mark = "spot_on" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("answer_yourself_first", await early.CodeOfAsync());

        (await ana.AnswerApiAsync(bondId, new { question = "voicing.2", text = "Time, and a quiet room" })).EnsureSuccessStatusCode();
        Assert.Equal("Being asked twice, gently", (await ana.MapQuestionAsync(bondId, "voicing.2")).GetProperty("guessAboutMe").GetProperty("text").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await ana.CompareApiAsync(bondId, guessId, new { mark = "not_quite" })).StatusCode);
    }

    [Fact]
    public async Task Guess_ComparedByAnyoneButTheSubject_AnswersNotFoundAndStaysUnmarked()
    {
        var (ana, _, bondId, anaClient, ben) = await factory.CoupleAsync();
        await anaClient.AnswerApiAsync(bondId, new { question = "criticism.1", text = "Privately, and soon" });
        var guessId = await (await ben.GuessApiAsync(bondId, new { question = "criticism.1", text = "Over a walk" })).IdOfAsync();
        var stranger = await factory.SignedInClientAsync(await factory.CreatePersonAsync("Stranger"));

        Assert.Equal(HttpStatusCode.NotFound, (await ben.CompareApiAsync(bondId, guessId, new { mark = "spot_on" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.CompareApiAsync(bondId, guessId, new { mark = "spot_on" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.CompareApiAsync(bondId, Guid.NewGuid(), new { mark = "spot_on" })).StatusCode);
        var byPage = await ben.PostAsync($"/spaces/{bondId}/map/question?handler=Compare&q=criticism.1", new FormUrlEncodedContent(
            [new("guessId", guessId.ToString()), new("mark", "spot_on"), new("__RequestVerificationToken", await ben.AntiforgeryTokenAsync($"/spaces/{bondId}/map"))]));
        Assert.Equal(HttpStatusCode.NotFound, byPage.StatusCode);

        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from map_guesses where id = $1 and mark is not null", guessId));
        Assert.Equal(ana.Id, await Sql.OwnerScalarAsync<Guid>("select subject_id from map_guesses where id = $1", guessId));
    }

    [Fact]
    public async Task ChangedGuess_AfterItWasCompared_AsksForAFreshComparison_AndTheSameWordsChangeNothing()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        await ana.AnswerApiAsync(bondId, new { question = "affirmations.2", text = "That I did enough today" });
        var guessId = await (await ben.GuessApiAsync(bondId, new { question = "affirmations.2", text = "That you did enough" })).IdOfAsync();
        await ana.CompareApiAsync(bondId, guessId, new { mark = "spot_on", note = "Exactly" });

        var again = await ben.GuessApiAsync(bondId, new { question = "affirmations.2", text = "That you did enough" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("spot_on", (await ben.MapQuestionAsync(bondId, "affirmations.2")).GetProperty("myGuess").GetProperty("mark").GetString());

        var changed = await ben.GuessApiAsync(bondId, new { question = "affirmations.2", text = "That you're loved" });
        Assert.Equal(guessId, await changed.IdOfAsync());
        var mine = (await ben.MapQuestionAsync(bondId, "affirmations.2")).GetProperty("myGuess");
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("mark").ValueKind);
        Assert.Equal(JsonValueKind.Null, mine.GetProperty("note").ValueKind);
        Assert.Equal("That you're loved", mine.GetProperty("text").GetString());
    }

    [Fact]
    public async Task SelfAnswer_OlderThanSixMonths_ShowsAsMayHaveChanged_AndSavingAgainRenewsIt()
    {
        var (ana, _, bondId, anaClient, _) = await factory.CoupleAsync();
        await anaClient.AnswerApiAsync(bondId, new { question = "what_matters.2", text = "My sister and the allotment" });
        Assert.False((await anaClient.MapQuestionAsync(bondId, "what_matters.2")).GetProperty("mine").GetProperty("mayHaveChanged").GetBoolean());

        await Sql.OwnerExecuteAsync("update map_self_answers set answered_at = now() - interval '7 months' where person_id = $1", ana.Id);

        Assert.True((await anaClient.MapQuestionAsync(bondId, "what_matters.2")).GetProperty("mine").GetProperty("mayHaveChanged").GetBoolean());
        var page = await anaClient.GetStringAsync(QuestionPage(bondId, "what_matters.2"));
        Assert.Contains("It may have changed: does it still feel true?", Text(page, "#mine"));
        var map = await anaClient.GetStringAsync($"/spaces/{bondId}/map");
        Assert.Contains("May have changed — revisit?", Text(map, "#area-what_matters"));
        Assert.Contains("May have changed: 1", Text(map, "#area-what_matters"));

        var again = await anaClient.SubmitMapFormAsync(bondId, "what_matters.2", "Self", ("answer", "My sister and the allotment"));
        Assert.True(again.StatusCode.IsRedirect(), $"saving again answered {(int)again.StatusCode}");
        Assert.False((await anaClient.MapQuestionAsync(bondId, "what_matters.2")).GetProperty("mine").GetProperty("mayHaveChanged").GetBoolean());
        Assert.DoesNotContain("May have changed", Text(await anaClient.GetStringAsync($"/spaces/{bondId}/map"), "#area-what_matters"));
    }

    [Fact]
    public async Task Map_ShowsExploredAndUnexploredAreas_AndTheSpaceHomeOffersTodaysQuestion()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        await ana.AnswerApiAsync(bondId, new { question = "feeling_loved.1", text = "Being remembered in small ways" });
        await ana.AnswerApiAsync(bondId, new { question = "feeling_loved.4", text = "Sitting close, not fixing" });

        var map = await ana.GetStringAsync($"/spaces/{bondId}/map");
        Assert.Contains("Explored: 2 of 5 answered", Text(map, "#area-feeling_loved"));
        Assert.Contains("Not explored yet", Text(map, "#area-triggers"));
        Assert.Contains("Tender area: your answers here start out private.", Text(map, "#area-triggers"));
        Assert.Equal(10, Html.Parse(map).QuerySelectorAll(".map-area").Length);

        var home = await ana.GetStringAsync($"/spaces/{bondId}");
        var section = Text(home, ".space-partner-map");
        Assert.Contains("Today's question:", section);
        Assert.Contains("You've answered 2 of 43 questions here.", section);
        var todayLink = Html.Parse(home).QuerySelector(".space-partner-map a.button")!.GetAttribute("href")!;
        Assert.StartsWith($"/spaces/{bondId}/map/question?q=", todayLink, StringComparison.Ordinal);
        // Today's question is the same on the map, on the space home and on the question page without a question.
        var today = todayLink[(todayLink.IndexOf("q=", StringComparison.Ordinal) + 2)..];
        var unexplored = QuestionBank.Find(today)!;
        Assert.NotEqual("feeling_loved", unexplored.Area.Id);
        var api = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/map");
        Assert.Equal(today, api.GetProperty("questionOfTheDay").GetProperty("id").GetString());
        var plain = await ana.GetStringAsync($"/spaces/{bondId}/map/question");
        Assert.Contains("Today's question", Text(plain, "main"));
        Assert.Contains($"q={today}", plain);
    }

    [Fact]
    public async Task LiveEvents_ForGuessesAndComparisons_ReachTheOtherPerson_AndAPrivateAnswerTellsNoOne()
    {
        var (anaPerson, benPerson, bondId, ana, ben) = await factory.CoupleAsync();
        await LiveScenario.ListeningAsync(factory);
        await using var anaStream = await LiveStream.OpenAsync(await factory.SignedInClientAsync(anaPerson));
        await using var benStream = await LiveStream.OpenAsync(await factory.SignedInClientAsync(benPerson));

        var guessId = await (await ben.GuessApiAsync(bondId, new { question = "defences.4", text = "A hug, later" })).IdOfAsync();
        var toAna = await anaStream.NextEventAsync();
        Assert.Equal(("partner_map", bondId, guessId), (toAna.Kind, toAna.Bond, toAna.Item));
        Assert.DoesNotContain("hug", toAna.Json, StringComparison.Ordinal);

        // Tender area: private by default, so nothing is announced; the next thing Ben hears is the comparison.
        await ana.AnswerApiAsync(bondId, new { question = "defences.4", text = "Being left alone for an hour" });
        await ana.CompareApiAsync(bondId, guessId, new { mark = "not_quite" });
        var toBen = await benStream.NextEventAsync();
        Assert.Equal(("partner_map", bondId, guessId), (toBen.Kind, toBen.Bond, toBen.Item));
    }
}
