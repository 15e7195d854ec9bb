using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Features.CheckIns;

[Collection(AppCollection.Name)]
public sealed class CheckInFlowTests(CornerAppFactory factory)
{
    private async Task<(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient)> CoupleAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateBondAsync(ana, ben);
        return (ana, ben, bondId, await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
    }

    private static string Text(string html, string selector) =>
        string.Join("\n", Html.Parse(html).QuerySelectorAll(selector).Select(e => e.TextContent));

    [Fact]
    public async Task SharedCheckIn_WhenPartnerReflectsAndAuthorSaysYes_BothSeeTheyReadEachOtherRight()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();

        var saved = await ana.CheckInThroughFormAsync(["sad.lonely"], "Long day at the harbour office", bondId, underlying: ["scared.worried"]);
        Assert.True(saved.StatusCode.IsRedirect(), $"check-in answered {(int)saved.StatusCode}");

        var history = await ben.GetStringAsync($"/spaces/{bondId}/check-ins");
        var shown = Text(history, ".check-ins");
        Assert.Contains("Long day at the harbour office", shown);
        Assert.Contains("lonely", shown);
        Assert.Contains("Ana", shown);

        var reflected = await ben.SubmitFormAsync($"/spaces/{bondId}/check-ins",
            [new("feeling", "sad.lonely"), new("words", "I'm here tonight")],
            form => (form.GetAttribute("action") ?? "").Contains("handler=Reflect", StringComparison.Ordinal));
        Assert.True(reflected.StatusCode.IsRedirect(), $"reflect answered {(int)reflected.StatusCode}");

        var anaView = await ana.GetStringAsync($"/spaces/{bondId}/check-ins");
        Assert.Contains("Ben reflected: \"sounds like that left you feeling lonely\"", Text(anaView, ".check-ins"));
        Assert.Contains("I'm here tonight", Text(anaView, ".check-ins"));

        var answered = await ana.SubmitFormAsync($"/spaces/{bondId}/check-ins", [new("answer", "yes")],
            form => (form.GetAttribute("action") ?? "").Contains("handler=Answer", StringComparison.Ordinal));
        Assert.True(answered.StatusCode.IsRedirect(), $"answer answered {(int)answered.StatusCode}");

        var benView = await ben.GetStringAsync($"/spaces/{bondId}/check-ins");
        Assert.Contains("Marked: yes, that's it.", Text(benView, ".check-ins"));
        Assert.Contains("Reflections that felt right: 1 of 1", Text(benView, ".rhythm"));
    }

    [Fact]
    public async Task PrivateCheckIn_WhenPartnerLooksEverywhere_NothingOfItShows()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        await ana.CheckInThroughFormAsync(["joyful.grateful"], "Ana's shared words", bondId);
        var countsBefore = Text(await ana.GetStringAsync($"/spaces/{bondId}/check-ins"), ".rhythm");

        var kept = await ben.CheckInThroughFormAsync(["scared.on_edge", "mad.betrayed"], "Quiet fern secret", shareWith: null, intensity: 5);
        Assert.True(kept.StatusCode.IsRedirect());

        var history = await ana.GetStringAsync($"/spaces/{bondId}/check-ins");
        var trends = await ana.GetStringAsync($"/spaces/{bondId}/check-ins/trends");
        var api = await ana.GetStringAsync($"/api/v1/spaces/{bondId}/check-ins");
        foreach (var seen in new[] { Text(history, "main"), Text(trends, "main"), api })
        {
            Assert.DoesNotContain("Quiet fern secret", seen);
            Assert.DoesNotContain("on edge", seen);
            Assert.DoesNotContain("let down", seen);
            Assert.DoesNotContain("scared.on_edge", seen);
        }
        Assert.Equal(countsBefore, Text(history, ".rhythm"));
        Assert.Single(JsonDocument.Parse(api).RootElement.EnumerateArray());
        Assert.Contains("Ben hasn't shared a check-in here this month.", Text(trends, "main"));
        // Ben's own view still has it.
        var mine = await ben.GetFromJsonAsync<JsonElement>("/api/v1/check-ins/today");
        Assert.Equal("Quiet fern secret", mine.GetProperty("note").GetString());
    }

    [Fact]
    public async Task MemberOfAnotherSpace_WhenAskingForThisSpace_GetsNotFoundEverywhere()
    {
        var (ana, _, bondId, anaClient, _) = await CoupleAsync();
        await anaClient.CheckInThroughFormAsync(["sad.tired"], "For Ben only", bondId);
        var checkInId = await factory.MyCheckInIdAsync(ana);
        var cara = await factory.CreatePersonAsync("Cara");
        var dev = await factory.CreatePersonAsync("Dev");
        await factory.CreateBondAsync(cara, dev);
        var outsider = await factory.SignedInClientAsync(cara);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/spaces/{bondId}/check-ins")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/spaces/{bondId}/check-ins/trends")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/spaces/{bondId}/check-ins")).StatusCode);
        var reflect = await outsider.PostAsJsonAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}/reflections", new { feeling = "sad.tired" });
        Assert.Equal(HttpStatusCode.NotFound, reflect.StatusCode);
        Assert.DoesNotContain("For Ben only", await reflect.BodyAsync());
    }

    [Fact]
    public async Task Reflecting_WhenAuthorOnOwnOrReflectorAnswers_IsNotFound()
    {
        var (ana, _, bondId, anaClient, benClient) = await CoupleAsync();
        await anaClient.CheckInThroughFormAsync(["peaceful.calm"], null, bondId);
        var checkInId = await factory.MyCheckInIdAsync(ana);

        var own = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}/reflections", new { feeling = "peaceful.calm" });
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);

        var reflected = await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}/reflections", new { feeling = "peaceful.calm", words = "sounds restful" });
        Assert.Equal(HttpStatusCode.Created, reflected.StatusCode);
        var reflectionId = (await reflected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var again = await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}/reflections", new { feeling = "peaceful.calm" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var byReflector = await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/reflections/{reflectionId}/answer", new { answer = "yes" });
        Assert.Equal(HttpStatusCode.NotFound, byReflector.StatusCode);

        var byAuthor = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/reflections/{reflectionId}/answer", new { answer = "not_quite" });
        Assert.Equal(HttpStatusCode.NoContent, byAuthor.StatusCode);
        var list = await benClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/check-ins");
        var reflection = list[0].GetProperty("reflections")[0];
        Assert.Equal("not_quite", reflection.GetProperty("answer").GetString());
        Assert.True(reflection.GetProperty("mine").GetBoolean());
        Assert.False(list[0].GetProperty("mine").GetBoolean());
        Assert.Equal("Ana", list[0].GetProperty("authorName").GetString());
        Assert.DoesNotContain(ana.Id.ToString(), list.GetRawText());
    }

    [Fact]
    public async Task ReflectPage_WhenAuthorOrOutsiderPosts_IsNotFoundAndNothingIsSaved()
    {
        var (ana, _, bondId, anaClient, benClient) = await CoupleAsync();
        await anaClient.CheckInThroughFormAsync(["sad.heavy"], "heavy day", bondId);
        var checkInId = await factory.MyCheckInIdAsync(ana);
        var cara = await factory.CreatePersonAsync("Cara");
        var outsider = await factory.SignedInClientAsync(cara);

        foreach (var client in new[] { anaClient, outsider })
        {
            var token = await client.AntiforgeryTokenAsync("/check-in");
            var response = await client.PostAsync($"/spaces/{bondId}/check-ins?handler=Reflect", new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("checkInId", checkInId.ToString()), new("feeling", "sad.heavy"), new("words", "not mine to say")]));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        var list = await benClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/check-ins");
        Assert.Equal(0, list[0].GetProperty("reflections").GetArrayLength());
    }

    [Fact]
    public async Task SecondCheckIn_OnTheSameDay_PageUpdatesPostConflictsPutUpdates()
    {
        var person = await factory.CreatePersonAsync("Eli");
        var client = await factory.SignedInClientAsync(person);
        await client.CheckInThroughFormAsync(["sad.tired"], "first words");
        var firstId = await factory.MyCheckInIdAsync(person);

        var again = await client.CheckInThroughFormAsync(["joyful.relieved"], "second words");
        Assert.True(again.StatusCode.IsRedirect());
        var today = await client.GetFromJsonAsync<JsonElement>("/api/v1/check-ins/today");
        Assert.Equal(firstId, today.GetProperty("id").GetGuid());
        Assert.Equal("second words", today.GetProperty("note").GetString());
        Assert.Equal("joyful.relieved", today.GetProperty("surface")[0].GetString());

        var post = await client.PostApiCheckInAsync(CheckInsTestKit.ApiCheckIn(["mad.annoyed"], "third"));
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Contains("already_checked_in", await post.BodyAsync());

        var date = today.GetProperty("date").GetString();
        var put = await client.PutAsJsonAsync($"/api/v1/check-ins/{date}", CheckInsTestKit.ApiCheckIn(["mad.annoyed"], "fourth", intensity: 2));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/check-ins/today");
        Assert.Equal(firstId, after.GetProperty("id").GetGuid());
        Assert.Equal("fourth", after.GetProperty("note").GetString());
        Assert.Equal(2, after.GetProperty("intensity").GetInt32());
    }

    [Fact]
    public async Task ApiCheckIn_ForAnotherDay_AnswersFutureOrClosed()
    {
        var person = await factory.CreatePersonAsync("Fin");
        var client = await factory.SignedInClientAsync(person);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/check-ins/today")).StatusCode);

        var created = await client.PostApiCheckInAsync(CheckInsTestKit.ApiCheckIn(["peaceful.content"], "made through the API"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var today = DateOnly.Parse((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var future = await client.PutAsJsonAsync($"/api/v1/check-ins/{today.AddDays(1):yyyy-MM-dd}", CheckInsTestKit.ApiCheckIn(["peaceful.content"]));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("date_in_future", await future.BodyAsync());

        var closed = await client.PutAsJsonAsync($"/api/v1/check-ins/{today.AddDays(-1):yyyy-MM-dd}", CheckInsTestKit.ApiCheckIn(["peaceful.content"]));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("day_closed", await closed.BodyAsync());

        var nonsense = await client.PutAsJsonAsync("/api/v1/check-ins/not-a-day", CheckInsTestKit.ApiCheckIn(["peaceful.content"]));
        Assert.Equal(HttpStatusCode.BadRequest, nonsense.StatusCode);

        var still = await client.GetFromJsonAsync<JsonElement>("/api/v1/check-ins/today");
        Assert.Equal("made through the API", still.GetProperty("note").GetString());
    }

    public static TheoryData<string[], string, string> BadFormInput => new()
    {
        { ["sad.nope"], "typed before a bad feeling", "One of the feelings isn't in Corner's list." },
        { [], "typed before forgetting a feeling", "Pick at least one feeling" },
        { ["sad.tired"], new string('x', 2001), "Your note is longer than 2000 characters." },
        { ["sad.tired"], "typed with a bell\u0007character", "Your note has a hidden character" },
        { ["sad.tired\u0007"], "typed with a bell in a feeling", "One of the feelings isn't in Corner's list." },
    };

    [Theory]
    [MemberData(nameof(BadFormInput))]
    public async Task CheckInForm_WithBadInput_Answers400WithMessageAndKeepsTheNote(string[] surface, string note, string message)
    {
        var person = await factory.CreatePersonAsync("Gus");
        var client = await factory.SignedInClientAsync(person);

        var response = await client.CheckInThroughFormAsync(surface, note);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.BodyAsync());
        Assert.Contains(message, page.QuerySelector(".error-summary")?.TextContent ?? "");
        Assert.Equal(note, page.QuerySelector("textarea#Note")?.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/check-ins/today")).StatusCode);
    }

    [Fact]
    public async Task CheckInForm_WithANullByte_IsRefusedWithout500AndSavesNothing()
    {
        // No browser sends NUL from a textarea; the framework refuses such a form before the page runs.
        var person = await factory.CreatePersonAsync("Gil");
        var client = await factory.SignedInClientAsync(person);

        var response = await client.CheckInThroughFormAsync(["sad.tired"], "null\0byte");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/check-ins/today")).StatusCode);
    }

    [Fact]
    public async Task CheckInForm_WithOutOfRangeOrUnreadableNumbers_Answers400()
    {
        var person = await factory.CreatePersonAsync("Hal");
        var client = await factory.SignedInClientAsync(person);
        foreach (var intensity in new[] { "9", "abc" })
        {
            var response = await client.SubmitFormAsync("/check-in",
                [new("Surface", "sad.tired"), new("Intensity", intensity), new("Note", "kept note")],
                form => form.QuerySelector("[name=Intensity]") is not null);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("kept note", Html.Parse(await response.BodyAsync()).QuerySelector("textarea#Note")?.TextContent);
        }
    }

    public static TheoryData<string, string> BadApiInput => new()
    {
        { """{"surface":["sad.nope"],"intensity":3}""", "unknown_feeling" },
        { """{"surface":[],"intensity":3}""", "no_surface_feeling" },
        { """{"intensity":3}""", "no_surface_feeling" },
        { """{"surface":["sad.tired"],"intensity":0}""", "intensity_out_of_range" },
        { """{"surface":["sad.tired"],"intensity":3,"note":"a\u0000b"}""", "note_has_control_characters" },
        { "{\"surface\":[\"sad.tired\"],\"intensity\":3,\"note\":\"" + new string('y', 2001) + "\"}", "note_too_long" },
        { """{"surface":["sad.tired"],"intensity":3,"shares":[{"spaceId":"8a4f1a5e-9a7e-4c2e-9f51-2b1a4d3c2e10","supported":3}]}""", "unknown_space" },
        { """{"surface":["sad.tired"],"intensity":3,"shares":[{"spaceId":null,"supported":3}]}""", "" },
        { """{"surface":"sad.tired"}""", "" },
        { "not json at all", "" },
    };

    [Theory]
    [MemberData(nameof(BadApiInput))]
    public async Task ApiCheckIn_WithBadInput_Answers400WithCode(string json, string code)
    {
        var person = await factory.CreatePersonAsync("Ivy");
        var client = await factory.SignedInClientAsync(person);

        var response = await client.PostAsync("/api/v1/check-ins", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(code, await response.BodyAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/check-ins/today")).StatusCode);
    }

    [Fact]
    public async Task Note_WithMarkupEmojiAndRightToLeftText_IsShownAsTextToThePartner()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        const string note = "<script>alert('x')</script><b>bold</b> 🌧️➡️🌤️ שלום עליכם";

        var saved = await ana.CheckInThroughFormAsync(["sad.heavy"], note, bondId);
        Assert.True(saved.StatusCode.IsRedirect());

        var html = await ben.GetStringAsync($"/spaces/{bondId}/check-ins");
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<b>bold</b>", html);
        var quote = Html.Parse(html).QuerySelectorAll(".check-ins .quote").Select(e => e.TextContent).ToList();
        Assert.Contains(note, quote);
    }

    [Fact]
    public async Task Note_WhenStored_IsNotInPlaintextInTheDatabase()
    {
        var (ana, _, bondId, anaClient, _) = await CoupleAsync();
        var note = "plaintext-canary-" + Guid.NewGuid().ToString("N");
        await anaClient.CheckInThroughFormAsync(["sad.lonely"], note, bondId);

        await using var connection = new NpgsqlConnection(TestDatabase.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select (select count(*) from check_ins where person_id = @p and note_cipher is not null),
                   (select count(*) from check_ins where position(convert_to(@n, 'UTF8') in note_cipher) > 0),
                   (select count(*) from check_in_shares where bond_id = @b and note_cipher is not null),
                   (select count(*) from check_in_shares where position(convert_to(@n, 'UTF8') in note_cipher) > 0)
            """, connection);
        command.Parameters.AddWithValue("p", ana.Id);
        command.Parameters.AddWithValue("b", bondId);
        command.Parameters.AddWithValue("n", note);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1L, reader.GetInt64(0));
        Assert.Equal(0L, reader.GetInt64(1));
        Assert.Equal(1L, reader.GetInt64(2));
        Assert.Equal(0L, reader.GetInt64(3));
    }

    [Fact]
    public async Task ApiList_WhenRangeIsTooLongOrBackwards_Answers400()
    {
        var (_, _, bondId, ana, _) = await CoupleAsync();
        var tooLong = await ana.GetAsync($"/api/v1/spaces/{bondId}/check-ins?from=2026-01-01&to=2026-04-05");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("range_too_long", await tooLong.BodyAsync());
        var backwards = await ana.GetAsync($"/api/v1/spaces/{bondId}/check-ins?from=2026-02-01&to=2026-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        var fine = await ana.GetAsync($"/api/v1/spaces/{bondId}/check-ins?from=2026-01-01&to=2026-04-02");
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    [Fact]
    public async Task Trends_ForAMonthWithSharedCheckIns_DrawsChartsWithMatchingTables()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        await ana.CheckInThroughFormAsync(["sad.lonely", "sad.tired", "joyful.hopeful"], null, bondId, intensity: 4, supported: 2);
        await ben.CheckInThroughFormAsync(["peaceful.calm"], null, bondId, intensity: 1, supported: 5);

        var response = await ana.GetAsync($"/spaces/{bondId}/check-ins/trends");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.BodyAsync();
        var page = Html.Parse(html);
        Assert.Equal(4, page.QuerySelectorAll("svg[role=img]").Length);
        Assert.All(page.QuerySelectorAll("svg[role=img]"), svg => Assert.False(string.IsNullOrEmpty(svg.GetAttribute("aria-labelledby"))));
        Assert.DoesNotContain("style=", html);
        Assert.NotNull(page.QuerySelector(".chart-person--other rect.chart__marker"));
        Assert.NotNull(page.QuerySelector(".chart-person--me circle.chart__marker"));

        var tables = page.QuerySelectorAll("table.trend-table").ToList();
        Assert.Equal(4, tables.Count);
        var intensityRow = tables[2].QuerySelectorAll("tbody tr").Single().TextContent;
        Assert.Contains("4 (", intensityRow);
        Assert.Contains("1 (", intensityRow);
        var supportedRow = tables[3].QuerySelectorAll("tbody tr").Single().TextContent;
        Assert.Contains("2 (", supportedRow);
        Assert.Contains("5 (", supportedRow);
        var anaFamilies = tables[0].QuerySelectorAll("tbody tr td").Select(td => td.TextContent).ToList();
        Assert.Equal(["0", "2", "0", "1", "0", "0"], anaFamilies);

        var history = await ana.GetStringAsync($"/spaces/{bondId}/check-ins");
        Assert.Contains($"/spaces/{bondId}/check-ins/trends", history);
    }

    [Theory]
    [InlineData("?month=1999-12")]
    [InlineData("?month=9999-12")]
    [InlineData("?month=nonsense")]
    public async Task Trends_WithAnOddMonth_ShowsThisMonthInsteadOfFailing(string query)
    {
        var (_, _, bondId, ana, _) = await CoupleAsync();
        var response = await ana.GetAsync($"/spaces/{bondId}/check-ins/trends{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Nothing shared here this month yet.", await response.BodyAsync());
    }

    [Theory]
    [InlineData("?view=month&date=9999-12-31")]
    [InlineData("?view=week&date=0001-01-01")]
    public async Task History_WithAnExtremeDate_StillAnswers(string query)
    {
        var (_, _, bondId, ana, _) = await CoupleAsync();
        var response = await ana.GetAsync($"/spaces/{bondId}/check-ins{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheCheckInEndpoints()
    {
        var document = await factory.NewClient().GetStringAsync("/openapi/v1.json");
        foreach (var name in new[] { "GetTodaysCheckIn", "PutCheckIn", "CreateCheckIn", "ListSharedCheckIns", "ReflectOnCheckIn", "AnswerReflection" })
            Assert.Contains(name, document);
        Assert.Contains("/api/v1/spaces/{bondId}/check-ins", document);
    }

    [Fact]
    public async Task FirstCheckInOfTheDay_SavedTwiceAtOnce_KeepsOneCheckInAndAnswersBoth()
    {
        var (ana, _, bondId, anaClient, _) = await CoupleAsync();
        var second = await factory.SignedInClientAsync(ana);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? anaClient : second).PostApiCheckInAsync(CheckInsTestKit.ApiCheckIn(["joyful.hopeful"], $"try {i}", bondId))));

        // POST creates: the first is 201; the others find it (409, "use PUT") or, racing it, update it (200).
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict,
            $"a save answered {(int)r.StatusCode}"));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        var count = await factory.InScopeAsync(ana.Id, async sp =>
            await sp.GetRequiredService<Corner.Web.Data.CornerDbContext>().Set<Corner.Web.Features.CheckIns.CheckIn>().CountAsync(c => c.PersonId == ana.Id));
        Assert.Equal(1, count);
    }
}
