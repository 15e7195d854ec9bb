using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.CycleMap;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.CycleMap;

/// <summary>Issue 6, items 1, 2 and 5: each member's half of the cycle, the loop, and noticing it over time.</summary>
[Collection(AppCollection.Name)]
public sealed class CycleMapTests(CornerAppFactory factory)
{
    private async Task<(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient)> CoupleAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateSpaceAsync("Ana and Ben", ana, ben);
        return (ana, ben, bondId, await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
    }

    private static string Text(string html, string selector) =>
        string.Join("\n", Html.Parse(html).QuerySelectorAll(selector).Select(e => e.TextContent));

    private static Task<HttpResponseMessage> SaveHalfAsync(HttpClient client, Guid bondId, string then, string? trigger,
        string[]? behaviours = null, string? reaction = null, string? underneath = null, string? need = null, string? toKnow = null, string? surface = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Trigger", trigger ?? ""), new("Reaction", reaction ?? ""), new("Surface", surface ?? ""),
            new("Underneath", underneath ?? ""), new("Need", need ?? ""), new("ToKnow", toKnow ?? ""), new("Then", then),
        };
        fields.AddRange((behaviours ?? []).Select(b => new KeyValuePair<string, string>("Behaviours", b)));
        return client.SubmitFormAsync($"/spaces/{bondId}/cycle/my-half", fields, form => form.QuerySelector("[name=Trigger]") is not null);
    }

    [Fact]
    public async Task BothHalves_WhenDraftedAndShared_AreDrawnAsOneLoopWithEachPersonsWordsInTheirOwnHalf()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();

        var draft = await SaveHalfAsync(ana, bondId, "draft", "when plans change at the last minute", ["fight.chase_answer"], "ask again and again");
        Assert.True(draft.StatusCode.IsRedirect(), $"draft answered {(int)draft.StatusCode}");
        Assert.Contains("Only you can see it", Text(await ana.GetStringAsync($"/spaces/{bondId}/cycle"), "main"));

        var anaShared = await SaveHalfAsync(ana, bondId, "share", "when plans change at the last minute", ["fight.chase_answer"], "ask again and again",
            underneath: "scared I don't matter", need: "a hand on my shoulder");
        Assert.True(anaShared.StatusCode.IsRedirect(), $"share answered {(int)anaShared.StatusCode}");
        var benShared = await SaveHalfAsync(ben, bondId, "share", "a raised voice", ["flight.go_quiet", "flight.leave_room"], toKnow: "I come back");
        Assert.True(benShared.StatusCode.IsRedirect());

        var page = Html.Parse(await ana.GetStringAsync($"/spaces/{bondId}/cycle"));
        var svg = page.QuerySelector("svg.cycle-loop__svg") ?? throw new Xunit.Sdk.XunitException("No loop drawn");
        Assert.Equal("img", svg.GetAttribute("role"));
        var mineInSvg = svg.QuerySelector("[data-half=mine]")!.TextContent;
        var theirsInSvg = svg.QuerySelector("[data-half=theirs]")!.TextContent;
        Assert.Contains("when plans change at the", mineInSvg);
        Assert.Contains("chase for an answer", mineInSvg);
        Assert.Contains("a raised voice", theirsInSvg);
        Assert.Contains("go quiet, leave the room", theirsInSvg);
        Assert.DoesNotContain("a raised voice", mineInSvg);
        Assert.DoesNotContain("plans change", theirsInSvg);
        Assert.Contains("What sets Ben off", theirsInSvg);

        var mineInWords = page.QuerySelector("article.cycle-half[data-half=mine]")!.TextContent;
        var theirsInWords = page.QuerySelector("article.cycle-half[data-half=theirs]")!.TextContent;
        Assert.Contains("scared I don't matter", mineInWords);
        Assert.Contains("a hand on my shoulder", mineInWords);
        Assert.Contains("I come back", theirsInWords);
        Assert.Contains("What Ben would like you to know", theirsInWords);
        Assert.DoesNotContain("I come back", mineInWords);
        Assert.Contains("Neither of you is the problem", Text(page.DocumentElement.OuterHtml, "main"));

        // Ben sees the same loop from his side: his words are "mine" there.
        var benPage = Html.Parse(await ben.GetStringAsync($"/spaces/{bondId}/cycle"));
        Assert.Contains("a raised voice", benPage.QuerySelector("svg [data-half=mine]")!.TextContent);
        Assert.Contains("plans change", benPage.QuerySelector("svg [data-half=theirs]")!.TextContent);
    }

    [Fact]
    public async Task UnsharedHalf_WhenTheOtherMemberLooksEverywhere_NeitherItsWordsNorItsExistenceShow()
    {
        var (ana, _, bondId, anaClient, benClient) = await CoupleAsync();
        var before = Text(await anaClient.GetStringAsync($"/spaces/{bondId}/cycle"), "main");
        var beforeHome = Text(await anaClient.GetStringAsync($"/spaces/{bondId}"), ".space-cycle-map");

        var saved = await SaveHalfAsync(benClient, bondId, "draft", "Quiet fern secret", ["flight.shut_down"], underneath: "Hidden heron");
        Assert.True(saved.StatusCode.IsRedirect());

        var page = Text(await anaClient.GetStringAsync($"/spaces/{bondId}/cycle"), "main");
        var home = Text(await anaClient.GetStringAsync($"/spaces/{bondId}"), ".space-cycle-map");
        var api = await anaClient.GetStringAsync($"/api/v1/spaces/{bondId}/cycle");
        foreach (var seen in new[] { page, home, api })
        {
            Assert.DoesNotContain("Quiet fern secret", seen);
            Assert.DoesNotContain("Hidden heron", seen);
            Assert.DoesNotContain("shut down", seen);
        }
        Assert.Equal(before, page);
        Assert.Equal(beforeHome, home);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(api).RootElement.GetProperty("theirs").ValueKind);

        // The database agrees: as Ana, under row-level security, the row is not there at all.
        await using var app = await Sql.OpenAsync(TestDatabase.AppConnectionString);
        await using var transaction = await app.BeginTransactionAsync();
        await Sql.ExecuteAsync(app, "select set_config('corner.person_id', $1, true)", ana.Id.ToString());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(app, "select count(*) from cycle_halves where bond_id = $1", bondId));

        // Once shared, it shows; taken back to a draft, it is gone again.
        var shared = await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half/share", new { });
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Contains("Quiet fern secret", Text(await anaClient.GetStringAsync($"/spaces/{bondId}/cycle"), "main"));
        var unshared = await benClient.SubmitFormAsync($"/spaces/{bondId}/cycle/my-half", [],
            form => (form.GetAttribute("action") ?? "").Contains("handler=Unshare", StringComparison.Ordinal));
        Assert.True(unshared.StatusCode.IsRedirect());
        Assert.Equal(before, Text(await anaClient.GetStringAsync($"/spaces/{bondId}/cycle"), "main"));
        Assert.Contains("Quiet fern secret", Text(await benClient.GetStringAsync($"/spaces/{bondId}/cycle/my-half"), "main"));
    }

    [Fact]
    public async Task LiveStream_OfTheOtherMember_HearsNothingOfADraftAndOnlyIdsOfASharedHalf()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        await LiveScenario.ListeningAsync(factory);
        await using var benStream = await LiveStream.OpenAsync(ben);

        var draft = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { trigger = "Lantern draft words", behaviours = new[] { "fight.follow" } });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var edited = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { trigger = "Lantern draft words, again", behaviours = new[] { "fight.follow" } });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var noted = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/times", new { date = Today, reconnected = "not_yet", note = "Lantern note" });
        Assert.Equal(HttpStatusCode.Created, noted.StatusCode);

        // The first thing Ben's stream carries is the noted time: the two draft saves before it told him nothing.
        var time = await benStream.NextEventAsync();
        Assert.Equal(CycleMapFeature.TimeLiveKind, time.Kind);
        Assert.Equal(bondId, time.Bond);
        Assert.DoesNotContain("Lantern", time.Json, StringComparison.Ordinal);

        var shared = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half/share", new { });
        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        var half = await benStream.NextEventAsync();
        Assert.Equal(CycleMapFeature.HalfLiveKind, half.Kind);
        Assert.DoesNotContain("Lantern", half.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyHalfForm_WithBadInput_SaysWhyAndKeepsEverythingTyped()
    {
        var (_, _, bondId, ana, _) = await CoupleAsync();
        var tooLong = new string('a', CycleHalfWriter.TextMaxLength + 1);

        var response = await SaveHalfAsync(ana, bondId, "share", "starts with a sigh\u001a", ["fight.criticise", "fight.not_a_thing"],
            reaction: "my own words stay", need: tooLong);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = Text(body, ".error-summary");
        Assert.Contains("isn't on the list any more", problems);
        Assert.Contains("What you need in that moment: please keep it to 1000 characters.", problems);
        Assert.Contains("can't be saved", problems);
        var form = Html.Parse(body);
        Assert.Equal("my own words stay", form.QuerySelector("#Reaction")!.TextContent);
        Assert.Equal(tooLong, form.QuerySelector("#Need")!.TextContent);
        Assert.NotNull(form.QuerySelector("input[value='fight.criticise'][checked]"));
        Assert.Equal(JsonValueKind.Null, (await (await ana.GetAsync($"/api/v1/spaces/{bondId}/cycle")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mine").ValueKind);

        var empty = await SaveHalfAsync(ana, bondId, "share", "   ", []);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("say a little about what tends to set you off", Text(await empty.Content.ReadAsStringAsync(), ".error-summary"));
    }

    [Fact]
    public async Task HalfWithMarkupEmojiAndRightToLeftText_IsSavedAndShownAsText()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        const string markup = "<script>alert('x')</script><b>bold</b>";
        const string mixed = "🙂 when I feel unheard — שלום עליכם";

        var saved = await SaveHalfAsync(ana, bondId, "share", markup, ["fight.raise_voice"], reaction: mixed);
        Assert.True(saved.StatusCode.IsRedirect());
        await SaveHalfAsync(ben, bondId, "share", "a long silence", ["flight.go_quiet"]);

        var html = await ben.GetStringAsync($"/spaces/{bondId}/cycle");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        var page = Html.Parse(html);
        // In the drawing, a 38-character "word" is cut where the line ends, still as text.
        Assert.Contains("<script>alert('x')</scr", page.QuerySelector("svg [data-half=theirs]")!.TextContent);
        Assert.Contains(markup, page.QuerySelector("article[data-half=theirs]")!.TextContent);
        Assert.Contains(mixed, page.QuerySelector("article[data-half=theirs]")!.TextContent);
        Assert.Contains("🙂 when I feel", page.QuerySelector("svg [data-half=theirs]")!.TextContent);
    }

    [Fact]
    public async Task Api_HalfWithBadInput_AnswersBadRequestWithACodeNeverAServerError()
    {
        var (_, _, bondId, ana, _) = await CoupleAsync();

        var unknown = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { behaviours = new[] { "fight.throw_plates" } });
        var tooLong = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { trigger = new string('x', 5000) });
        var nul = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { trigger = "a\u0000b" });
        var malformed = await ana.PutAsync($"/api/v1/spaces/{bondId}/cycle/my-half",
            new StringContent("{\"behaviours\": 12", System.Text.Encoding.UTF8, "application/json"));
        var shareNothing = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half/share", new { });

        Assert.Equal("unknown_behaviour", await CodeAsync(unknown));
        Assert.Equal("text_too_long", await CodeAsync(tooLong));
        Assert.Equal("text_has_control_characters", await CodeAsync(nul));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("needs_trigger_to_share", await CodeAsync(shareNothing));

        var draft = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { trigger = "being interrupted", behaviours = new[] { "fight.get_sharp" } });
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        var half = await draft.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(half.GetProperty("shared").GetBoolean());
        var shared = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half/share", new { });
        Assert.True((await shared.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shared").GetBoolean());
        // Editing a shared half keeps it shared.
        var edited = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/my-half", new { trigger = "being interrupted mid-sentence" });
        Assert.True((await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("shared").GetBoolean());
    }

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    private static Task<HttpResponseMessage> NoteTimeAsync(HttpClient client, Guid bondId, string date, string? reconnected, string note,
        string[]? parts = null, string? requestKey = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Date", date), new("Note", note) };
        if (reconnected is not null) fields.Add(new("Reconnected", reconnected));
        if (requestKey is not null) fields.Add(new("RequestKey", requestKey));
        fields.AddRange((parts ?? []).Select(p => new KeyValuePair<string, string>("Parts", p)));
        return client.SubmitFormAsync($"/spaces/{bondId}/cycle/times/new", fields, form => form.QuerySelector("[name=Reconnected]") is not null);
    }

    private static string Today => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task NotingATime_SubmittedTwiceWithTheSameForm_IsNotedOnceAndBothSeeIt()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        var key = Guid.NewGuid().ToString();

        var first = await NoteTimeAsync(ana, bondId, Today, "same_day", "the dishes again", ["pursue", "withdraw"], key);
        var second = await NoteTimeAsync(ana, bondId, Today, "same_day", "the dishes again", ["pursue", "withdraw"], key);
        Assert.True(first.StatusCode.IsRedirect(), $"first answered {(int)first.StatusCode}");
        Assert.True(second.StatusCode.IsRedirect(), $"second answered {(int)second.StatusCode}");

        var benView = await ben.GetStringAsync($"/spaces/{bondId}/cycle/times");
        Assert.Single(Html.Parse(benView).QuerySelectorAll("li.cycle-time"));
        Assert.Contains("the dishes again", Text(benView, ".cycle-times"));
        Assert.Contains("Noted by Ana", Text(benView, ".cycle-times"));
        Assert.Contains("One of us pushed or pursued, One of us went quiet or pulled away", Text(benView, ".cycle-times"));
        // Only the one who noted it can take it away.
        Assert.Empty(Html.Parse(benView).QuerySelectorAll("li.cycle-time form"));

        var api = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/times", new { date = Today, reconnected = "within_hour", requestKey = key });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var apiKey = Guid.NewGuid();
        var created = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/times", new { date = Today, reconnected = "within_hour", requestKey = apiKey });
        var again = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/times", new { date = Today, reconnected = "within_hour", requestKey = apiKey });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        var list = await ben.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/cycle/times");
        Assert.Equal(2, list.GetProperty("times").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await ben.DeleteAsync($"/api/v1/spaces/{bondId}/cycle/times/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ana.DeleteAsync($"/api/v1/spaces/{bondId}/cycle/times/{id}")).StatusCode);
        Assert.Equal(1, (await ben.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/cycle/times")).GetProperty("times").GetArrayLength());
    }

    [Fact]
    public async Task NotingATime_WithBadInput_SaysWhyAndKeepsWhatWasTyped()
    {
        var (_, _, bondId, ana, _) = await CoupleAsync();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var future = await NoteTimeAsync(ana, bondId, tomorrow, "soonish", "kept words", ["pursue", "made_up"]);
        var body = await future.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        var problems = Text(body, ".error-summary");
        Assert.Contains("That day hasn't come yet", problems);
        Assert.Contains("pick one of the answers", problems);
        Assert.Contains("isn't on the list any more", problems);
        Assert.Equal("kept words", Html.Parse(body).QuerySelector("#Note")!.TextContent);
        Assert.NotNull(Html.Parse(body).QuerySelector("input[value=pursue][checked]"));

        var garbled = await NoteTimeAsync(ana, bondId, "31/02/yesterday", null, "still here");
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        var garbledBody = await garbled.Content.ReadAsStringAsync();
        Assert.Contains("Please give the day it happened.", Text(garbledBody, ".error-summary"));
        Assert.Contains("Please say whether you found your way back", Text(garbledBody, ".error-summary"));
        Assert.Equal("still here", Html.Parse(garbledBody).QuerySelector("#Note")!.TextContent);

        var tooLong = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/times", new { date = Today, reconnected = "next_day", note = new string('n', 1001) });
        Assert.Equal("note_too_long", await CodeAsync(tooLong));
        var unknown = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/cycle/times", new { date = Today, reconnected = "eventually" });
        Assert.Equal("unknown_reconnected", await CodeAsync(unknown));
        var badDate = await ana.PostAsync($"/api/v1/spaces/{bondId}/cycle/times",
            new StringContent("{\"date\":\"2026-02-31\",\"reconnected\":\"next_day\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(0, (await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/cycle/times")).GetProperty("times").GetArrayLength());
    }

    [Fact]
    public async Task Picture_OverMonths_CountsEachMonthByHowSoonThePairCameBack()
    {
        var (ana, ben, bondId, anaClient, _) = await CoupleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1);
        async Task Note(TestPerson who, DateOnly date, string back) =>
            await factory.InScopeAsync(who.Id, async sp => (await sp.GetRequiredService<CycleTimeRecorder>()
                .RecordAsync(bondId, who.Id, Guid.NewGuid(), new CycleTimeInput(date, [], back, null))).Saved!);
        await Note(ana, lastMonth.AddDays(2), "next_day");
        await Note(ben, lastMonth.AddDays(9), "next_day");
        await Note(ana, lastMonth.AddDays(20), "longer");
        await Note(ben, thisMonth, "within_hour");
        await Note(ana, thisMonth.AddMonths(-8), "not_yet"); // outside the default six months

        var page = Html.Parse(await anaClient.GetStringAsync($"/spaces/{bondId}/cycle/times"));
        var table = page.QuerySelector("table.trend-table")!;
        Assert.Equal(["Month", "Times noted", "within an hour", "the same day", "the next day", "after longer", "not yet"],
            table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()));
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(6, rows.Count);
        Assert.Equal(["3", "0", "0", "2", "1", "0"], rows[4].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["1", "1", "0", "0", "0", "0"], rows[5].QuerySelectorAll("td").Select(td => td.TextContent));
        Assert.Equal(["0", "0", "0", "0", "0", "0"], rows[0].QuerySelectorAll("td").Select(td => td.TextContent));
        var svg = page.QuerySelector("svg.chart")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        // One stacked piece per month and "how soon": last month two, this month one.
        Assert.Equal(3, svg.QuerySelectorAll("rect.chart__bar").Length);

        var year = Html.Parse(await anaClient.GetStringAsync($"/spaces/{bondId}/cycle/times?months=12"));
        Assert.Equal(12, year.QuerySelectorAll("table.trend-table tbody tr").Length);
        var api = await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/cycle/times?months=12");
        Assert.Equal(5, api.GetProperty("times").GetArrayLength());
        Assert.Equal(2, api.GetProperty("months")[10].GetProperty("reconnected").GetProperty("next_day").GetInt32());
    }

    [Fact]
    public async Task SpaceHome_ShowsWhereTheCycleMapStands_AndLinksToIt()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        var home = Text(await ana.GetStringAsync($"/spaces/{bondId}"), ".space-cycle-map");
        Assert.Contains("Map the loop you fall into", home);

        await SaveHalfAsync(ben, bondId, "share", "feeling brushed off", ["fight.insist_now"]);
        var after = Html.Parse(await ana.GetStringAsync($"/spaces/{bondId}"));
        Assert.Contains("Ben has shared their half of the cycle.", after.QuerySelector(".space-cycle-map")!.TextContent);
        Assert.NotNull(after.QuerySelector($".space-cycle-map a[href='/spaces/{bondId}/cycle']"));
        Assert.NotNull(after.QuerySelector($".space-cycle-map a[href='/spaces/{bondId}/cycle/times/new']"));
    }
}
