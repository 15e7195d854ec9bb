using System.Net;
using System.Net.Http.Json;
using System.Text;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.PartnerMap;
using static Corner.IntegrationTests.Features.PartnerMap.PartnerMapTestKit;

namespace Corner.IntegrationTests.Features.PartnerMap;

[Collection(AppCollection.Name)]
public sealed class PartnerMapBadInputTests(CornerAppFactory factory)
{
    public static TheoryData<string, string> BadAnswers() => new()
    {
        { """{"question":"stress.1","text":"__LONG__"}""", "text_too_long" },
        { """{"question":"stress.99","text":"fine"}""", "unknown_question" },
        { """{"question":"stress.1; drop table people","text":"fine"}""", "unknown_question" },
        { """{"text":"no question at all"}""", "unknown_question" },
        { """{"question":"stress.1","text":"   "}""", "text_empty" },
        { """{"question":"stress.1"}""", "text_empty" },
        { """{"question":"stress.1","text":"nul \u0000 byte"}""", "text_has_control_characters" },
        { """{"question":"stress.1","text":"bell \u0007"}""", "text_has_control_characters" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task Answer_WithBadInput_AnswersBadRequestWithACode_AndSavesNothing(string json, string code)
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var body = json.Replace("__LONG__", new string('x', MapWriter.TextMaxLength + 1), StringComparison.Ordinal);

        var response = await ana.PostAsync($"/api/v1/spaces/{bondId}/map/answers", new StringContent(body, Encoding.UTF8, "application/json"));
        var guess = await ana.PostAsync($"/api/v1/spaces/{bondId}/map/guesses", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, await response.CodeOfAsync());
        Assert.Equal(HttpStatusCode.BadRequest, guess.StatusCode);
        Assert.Equal(code, await guess.CodeOfAsync());
        var map = await ana.GetStringAsync($"/api/v1/spaces/{bondId}/map");
        Assert.DoesNotContain("\"mine\":{", map, StringComparison.Ordinal);
        Assert.DoesNotContain("\"myGuess\":{", map, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"question":"stress.1","text":""")]
    [InlineData("""{"question":"stress.1","text":"fine","shared":"sometimes"}""")]
    [InlineData("""{"question":42,"text":"fine"}""")]
    [InlineData("""[1,2,3]""")]
    public async Task Answer_WithMalformedJson_AnswersBadRequest(string json)
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var response = await ana.PostAsync($"/api/v1/spaces/{bondId}/map/answers", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Text_WithMarkupEmojiAndRightToLeftWords_IsKeptExactly_AndShownAsText()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        const string Words = "<script>alert('x')</script> <b>bold</b> 🌿🫶🏽 שלום עליכם مرحبا";
        Assert.Equal(HttpStatusCode.Created, (await ana.AnswerApiAsync(bondId, new { question = "voicing.1", text = Words })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ben.GuessApiAsync(bondId, new { question = "voicing.1", text = Words })).StatusCode);

        Assert.Equal(Words, (await ana.MapQuestionAsync(bondId, "voicing.1")).GetProperty("mine").GetProperty("text").GetString());
        Assert.Equal(Words, (await ben.MapQuestionAsync(bondId, "voicing.1")).GetProperty("myGuess").GetProperty("text").GetString());
        var page = await ana.GetStringAsync(QuestionPage(bondId, "voicing.1"));
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", page, StringComparison.Ordinal);
        Assert.Contains(Words, Text(page, "#mine .quote"));
        Assert.Contains(Words, Text(page, "#their-guess .quote"));
    }

    [Fact]
    public async Task AnswerForm_TooLong_ShowsAClearMessage_AndKeepsWhatWasTyped()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var typed = "The long version: " + new string('a', MapWriter.TextMaxLength);

        var response = await ana.SubmitMapFormAsync(bondId, "stress.2", "Self", ("answer", typed));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains($"Please keep it to {MapWriter.TextMaxLength} characters or fewer.", page.QuerySelector(".error-summary")!.TextContent);
        Assert.Equal(typed, page.QuerySelector("#answer")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#answer")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task CompareForm_WithoutAMark_ShowsAClearMessage_AndKeepsTheNote()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        await ana.AnswerApiAsync(bondId, new { question = "criticism.2", text = "A calm voice" });
        await ben.GuessApiAsync(bondId, new { question = "criticism.2", text = "Some warning first" });

        var response = await ana.SubmitMapFormAsync(bondId, "criticism.2", "Compare", ("note", "Warning helps, yes"), ("mark", "maybe"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Choose spot on, close or not quite.", page.QuerySelector("#form-compare")!.TextContent);
        Assert.Equal("Warning helps, yes", page.QuerySelector("#note")!.TextContent);
    }

    [Fact]
    public async Task Compare_WithABadMarkOrOversizedNote_AnswersBadRequest()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        await ana.AnswerApiAsync(bondId, new { question = "criticism.3", text = "Not in front of others" });
        var guessId = await (await ben.GuessApiAsync(bondId, new { question = "criticism.3", text = "In private" })).IdOfAsync();

        var badMark = await ana.CompareApiAsync(bondId, guessId, new { mark = "SPOT_ON" });
        var longNote = await ana.CompareApiAsync(bondId, guessId, new { mark = "close", note = new string('n', MapWriter.NoteMaxLength + 1) });
        var nulNote = await ana.CompareApiAsync(bondId, guessId, new { mark = "close", note = "a\0b" });

        Assert.Equal("unknown_mark", await badMark.CodeOfAsync());
        Assert.Equal("note_too_long", await longNote.CodeOfAsync());
        Assert.Equal("note_has_control_characters", await nulNote.CodeOfAsync());
        Assert.All([badMark, longNote, nulNote], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
    }

    [Fact]
    public async Task Guess_WhileAloneInTheSpace_IsRefused_BecauseItWouldBeAboutOneself()
    {
        var alone = await factory.CreatePersonAsync("Alone");
        var bondId = await factory.CreateSpaceAsync("Just me so far", alone);
        var client = await factory.SignedInClientAsync(alone);

        var response = await client.GuessApiAsync(bondId, new { question = "stress.1", text = "about myself?" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("no_one_to_guess_about", await response.CodeOfAsync());

        var page = await client.GetStringAsync(QuestionPage(bondId, "stress.1"));
        Assert.Empty(Html.Parse(page).QuerySelectorAll("#form-guess"));
        var byForm = await client.PostAsync($"/spaces/{bondId}/map/question?handler=Guess&q=stress.1", new FormUrlEncodedContent(
            [new("guess", "about myself?"), new("__RequestVerificationToken", await client.AntiforgeryTokenAsync(QuestionPage(bondId, "stress.1")))]));
        // The page refuses as the API does (issue 10: one way to refuse): the same conflict, the same 409.
        Assert.Equal(HttpStatusCode.Conflict, byForm.StatusCode);
        Assert.Contains("There's no one else in this space to guess about yet.", Text(await byForm.Content.ReadAsStringAsync(), "main"));
        // Answering about oneself is fine alone.
        Assert.Equal(HttpStatusCode.Created, (await client.AnswerApiAsync(bondId, new { question = "stress.1", text = "Deadlines" })).StatusCode);
    }

    [Theory]
    [InlineData("stress.99")]
    [InlineData("nothing")]
    [InlineData("<script>")]
    public async Task QuestionPage_ForAnUnknownQuestion_AnswersNotFound(string question)
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"/spaces/{bondId}/map/question?q={Uri.EscapeDataString(question)}")).StatusCode);
    }

    [Fact]
    public async Task Answer_SubmittedTwice_IsOneAnswer()
    {
        var (ana, _, bondId, client, _) = await factory.CoupleAsync();
        var first = await client.AnswerApiAsync(bondId, new { question = "stress.4", text = "Company, quietly" });
        var second = await client.AnswerApiAsync(bondId, new { question = "stress.4", text = "Company, quietly" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(await first.IdOfAsync(), await second.IdOfAsync());
        Assert.Equal(1L, await Corner.IntegrationTests.Data.Sql.OwnerScalarAsync<long>(
            "select count(*) from map_self_answers where person_id = $1 and question_id = 'stress.4'", ana.Id));
    }

    [Fact]
    public async Task SameFirstAnswerAndGuess_SavedAtOnce_KeepOneRowEachAndNeverFail()
    {
        var (ana, ben, bondId, anaClient, benClient) = await factory.CoupleAsync();
        var anaPhone = await factory.SignedInClientAsync(ana);
        var benPhone = await factory.SignedInClientAsync(ben);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).SelectMany(i => new[]
        {
            (i % 2 == 0 ? anaClient : anaPhone).AnswerApiAsync(bondId, new { question = "voicing.1", text = $"answer {i}" }),
            (i % 2 == 0 ? benClient : benPhone).GuessApiAsync(bondId, new { question = "voicing.1", text = $"guess {i}" }),
        }));

        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"a save answered {(int)r.StatusCode}"));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from map_self_answers where bond_id = $1 and question_id = 'voicing.1'", bondId));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from map_guesses where bond_id = $1 and question_id = 'voicing.1'", bondId));
    }
}
