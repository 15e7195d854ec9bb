using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Appreciations;
using static Corner.IntegrationTests.Features.Appreciations.AppreciationsTestKit;

namespace Corner.IntegrationTests.Features.Appreciations;

[Collection(AppCollection.Name)]
public sealed class AppreciationTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Appreciation_WhenSentThroughThePage_ReachesTheOtherNewestFirstAndShowsOnTheirSpaceHome()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();

        var first = await ana.SendAppreciationThroughFormAsync(bondId, "You made the kitchen feel like home on Tuesday");
        Assert.True(first.StatusCode.IsRedirect(), $"sending answered {(int)first.StatusCode}");
        Assert.Equal($"/spaces/{bondId}/appreciations/sent", first.Headers.Location?.OriginalString);
        await ana.SendAppreciationThroughFormAsync(bondId, "How patient you were with your brother", AppreciationWriter.Admire);

        var received = await ben.GetStringAsync($"/spaces/{bondId}/appreciations");
        var notes = Html.Parse(received).QuerySelectorAll("#live-region .appreciation").Select(n => n.TextContent).ToList();
        Assert.Equal(2, notes.Count);
        Assert.Contains("Ana admires…", notes[0]);
        Assert.Contains("How patient you were with your brother", notes[0]);
        Assert.Contains("Ana appreciates…", notes[1]);
        Assert.Contains("You made the kitchen feel like home on Tuesday", notes[1]);

        var sent = Text(await ana.GetStringAsync($"/spaces/{bondId}/appreciations/sent"), "main");
        Assert.Contains("You told Ben you admire…", sent);
        Assert.Contains("You made the kitchen feel like home on Tuesday", sent);
        // Ana received nothing: her own notes are not in her received list.
        Assert.Contains("Nothing here yet.", Text(await ana.GetStringAsync($"/spaces/{bondId}/appreciations"), "#live-region"));

        var home = Text(await ben.GetStringAsync($"/spaces/{bondId}"), ".space-appreciations");
        Assert.Contains("Lately, Ana admires…", home);
        Assert.Contains("How patient you were with your brother", home);
        Assert.DoesNotContain("kitchen", home);
    }

    [Fact]
    public async Task Appreciation_WithMarkupEmojiAndRightToLeftText_IsShownExactlyAsTyped()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        const string words = "<script>alert('hi')</script> <b>bold</b> 🌻 شكراً لك على كل شيء תודה";

        var response = await ana.SendAppreciationThroughFormAsync(bondId, words);
        Assert.True(response.StatusCode.IsRedirect());

        var html = await ben.GetStringAsync($"/spaces/{bondId}/appreciations");
        var note = Html.Parse(html).QuerySelector("#live-region .appreciation__words")!;
        Assert.Equal(words, note.TextContent);
        Assert.Equal("auto", note.GetAttribute("dir"));
        Assert.Null(note.QuerySelector("script"));
        Assert.Null(note.QuerySelector("b"));
        Assert.DoesNotContain("<script>alert", html);
    }

    [Theory]
    [InlineData("too long")]
    [InlineData("nul")]
    [InlineData("control")]
    [InlineData("empty")]
    [InlineData("unknown kind")]
    public async Task Appreciation_WithBadInput_SaysWhatIsWrongKeepsWhatWasTypedAndSavesNothing(string bad)
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var (words, kind, expected) = bad switch
        {
            "too long" => (new string('x', AppreciationWriter.WordsMaxLength) + " and a bit more", "appreciate", "Please keep it to 500 characters."),
            "nul" => ("thank you\0 for today", "appreciate", "hidden character"),
            "control" => ("thank you\u0007 for today", "appreciate", "hidden character"),
            "empty" => ("   \r\n ", "appreciate", "Please write a few words first."),
            _ => ("thank you for today", "adore", "Please choose whether it's something you appreciate or something you admire."),
        };

        var response = await ana.SubmitFormAsync($"/spaces/{bondId}/appreciations/new",
            new Dictionary<string, string> { ["Kind"] = kind, ["Words"] = words });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, page.QuerySelector("[role=alert]")!.TextContent);
        var kept = page.QuerySelector("textarea[name=Words]")!.TextContent;
        if (bad is not ("nul" or "empty"))
            Assert.Equal(words, kept);
        else if (bad == "nul")
            Assert.StartsWith("thank you", kept);
        Assert.Equal(0, await factory.AppreciationCountAsync(bondId));
    }

    [Fact]
    public async Task Appreciation_WhenTheSameFormIsSubmittedTwice_IsSavedOnce()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        var page = await ana.GetPageAsync($"/spaces/{bondId}/appreciations/new");
        var form = page.QuerySelector("main form")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["SubmissionId"] = form.QuerySelector("[name=SubmissionId]")!.GetAttribute("value")!,
            ["Kind"] = "appreciate",
            ["Words"] = "For the tea you brought me",
        };

        var once = await ana.PostAsync($"/spaces/{bondId}/appreciations/new", new FormUrlEncodedContent(fields));
        var twice = await ana.PostAsync($"/spaces/{bondId}/appreciations/new", new FormUrlEncodedContent(fields));

        Assert.True(once.StatusCode.IsRedirect());
        Assert.True(twice.StatusCode.IsRedirect());
        Assert.Equal(1, await factory.AppreciationCountAsync(bondId));
        Assert.Single(Html.Parse(await ben.GetStringAsync($"/spaces/{bondId}/appreciations")).QuerySelectorAll("#live-region .appreciation"));
    }

    [Fact]
    public async Task Prompt_WhenAskedForAnotherIdea_ShowsADifferentOneAndKeepsWhatWasTyped()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var before = Text(await ana.GetStringAsync($"/spaces/{bondId}/appreciations/new"), ".prompt__text");
        Assert.Contains("Ben", before);

        var form = (await ana.GetPageAsync($"/spaces/{bondId}/appreciations/new")).QuerySelector("main form")!;
        var response = await ana.PostAsync($"/spaces/{bondId}/appreciations/new?handler=Prompt", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["SubmissionId"] = form.QuerySelector("[name=SubmissionId]")!.GetAttribute("value")!,
            ["Prompt"] = form.QuerySelector("[name=Prompt]")!.GetAttribute("value")!,
            ["Words"] = "half a thought",
            ["Kind"] = "admire",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        var after = page.QuerySelector(".prompt__text")!.TextContent;
        Assert.NotEqual(before, after);
        Assert.Equal("half a thought", page.QuerySelector("textarea[name=Words]")!.TextContent);
        Assert.NotNull(page.QuerySelector("input[name=Kind][value=admire][checked]"));
        // The page came back from the prompt handler: sending must still go to the sending one.
        Assert.Equal($"/spaces/{bondId}/appreciations/new", page.QuerySelector("main form")!.GetAttribute("action"));
        Assert.Equal(0, await factory.AppreciationCountAsync(bondId));
    }

    [Fact]
    public async Task Prompt_AfterEachAppreciationSent_MovesOnSoTheNextVisitStartsElsewhere()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var seen = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            seen.Add(Text(await ana.GetStringAsync($"/spaces/{bondId}/appreciations/new"), ".prompt__text"));
            await ana.SendAppreciationThroughFormAsync(bondId, $"Thing {i}");
        }
        Assert.Equal(3, seen.Distinct().Count());
    }

    [Fact]
    public async Task Api_SendAndList_SharesTheHandlersAndRetriesAreSafe()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        var key = Guid.NewGuid().ToString();

        var first = await PostWithKeyAsync(ana, $"/api/v1/spaces/{bondId}/appreciations", new { kind = "admire", words = "your steadiness 🌊" }, key);
        var again = await PostWithKeyAsync(ana, $"/api/v1/spaces/{bondId}/appreciations", new { kind = "admire", words = "your steadiness 🌊" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        var received = await ben.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/appreciations");
        var item = Assert.Single(received.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("id").GetGuid());
        Assert.Equal("admire", item.GetProperty("kind").GetString());
        Assert.Equal("your steadiness 🌊", item.GetProperty("words").GetString());
        Assert.Equal("Ana", item.GetProperty("otherName").GetString());
        // No ids of people, only of the note.
        Assert.DoesNotContain("authorId", received.GetRawText());

        var sent = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/appreciations/sent");
        Assert.Single(sent.GetProperty("items").EnumerateArray());
        Assert.Empty((await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/appreciations")).GetProperty("items").EnumerateArray());

        var prompt = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/appreciations/prompt?index=4");
        Assert.Equal(4, prompt.GetProperty("index").GetInt32());
        Assert.Equal(5, prompt.GetProperty("next").GetInt32());
        Assert.Contains("Ben", prompt.GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("{\"kind\":\"admire\",\"words\":\"\"}", "words_missing")]
    [InlineData("{\"kind\":\"love\",\"words\":\"hi\"}", "unknown_kind")]
    [InlineData("{\"words\":\"hi\"}", "unknown_kind")]
    [InlineData("{\"kind\":\"admire\",\"words\":\"a\\u0000b\"}", "words_have_control_characters")]
    public async Task Api_WithBadInput_AnswersBadRequestWithACode(string json, string code)
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();

        var response = await ana.PostAsync($"/api/v1/spaces/{bondId}/appreciations",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, await factory.AppreciationCountAsync(bondId));
    }

    [Fact]
    public async Task Api_WithOversizedWordsMalformedJsonOrABadKey_AnswersBadRequest()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();

        var tooLong = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/appreciations",
            new { kind = "admire", words = new string('é', AppreciationWriter.WordsMaxLength + 1) });
        var malformed = await ana.PostAsync($"/api/v1/spaces/{bondId}/appreciations",
            new StringContent("{\"kind\": [1, 2", System.Text.Encoding.UTF8, "application/json"));
        var badKey = await PostWithKeyAsync(ana, $"/api/v1/spaces/{bondId}/appreciations", new { kind = "admire", words = "hi" }, "not-a-guid");

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("words_too_long", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
        Assert.Equal(0, await factory.AppreciationCountAsync(bondId));
    }

    [Fact]
    public async Task Appreciation_WhenSent_IsAnnouncedLiveToTheRecipientOnlyWithoutItsWords()
    {
        var (ana, ben, bondId, anaClient, benClient) = await factory.CoupleAsync();
        await LiveScenario.ListeningAsync(factory);
        await using var benStream = await LiveStream.OpenAsync(benClient);
        await using var anaStream = await LiveStream.OpenAsync(anaClient);

        var response = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/appreciations", new { kind = "appreciate", words = "the quiet lighthouse" });
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var received = await benStream.NextEventAsync();
        Assert.Equal("appreciation", received.Kind);
        Assert.Equal(bondId, received.Bond);
        Assert.Equal(id, received.Item);
        Assert.DoesNotContain("lighthouse", received.Json, StringComparison.Ordinal);
        await Assert.ThrowsAsync<TimeoutException>(() => anaStream.NextEventAsync(TimeSpan.FromMilliseconds(500)));
        _ = (ana, ben);
    }

    [Fact]
    public async Task Leaving_AfterAppreciations_TheLeaverSeesNothingAndTheOneWhoStaysKeepsWhatTheyReceived()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        await ana.SendAppreciationThroughFormAsync(bondId, "The way you listen");
        var leave = await ana.SubmitFormAsync($"/spaces/{bondId}/leave", new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.True(leave.StatusCode.IsRedirect(), $"leaving answered {(int)leave.StatusCode}");

        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"/spaces/{bondId}/appreciations/sent")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/appreciations", new { kind = "admire", words = "after leaving" })).StatusCode);

        var kept = await ben.GetStringAsync($"/spaces/{bondId}/appreciations");
        Assert.Contains("The way you listen", Text(kept, "#live-region"));
        Assert.Null(Html.Parse(kept).QuerySelector($"a[href='/spaces/{bondId}/appreciations/new']"));
        Assert.Contains("Ana has left this space", Text(await ben.GetStringAsync($"/spaces/{bondId}/appreciations/new"), "main"));
        var refused = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/appreciations", new { kind = "admire", words = "to nobody" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(1, await factory.AppreciationCountAsync(bondId));
    }

    [Fact]
    public async Task Appreciations_InASpaceOfOne_CannotBeSentYet()
    {
        var alone = await factory.CreatePersonAsync("Alone");
        var bondId = await factory.CreateSpaceAsync("Just me so far", alone);
        var client = await factory.SignedInClientAsync(alone);

        Assert.Contains("Once the other person joins", Text(await client.GetStringAsync($"/spaces/{bondId}/appreciations/new"), "main"));
        var refused = await client.PostAsJsonAsync($"/api/v1/spaces/{bondId}/appreciations", new { kind = "admire", words = "to nobody" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    private static Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
