using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Appreciations;
using static Corner.IntegrationTests.Features.Appreciations.AppreciationsTestKit;

namespace Corner.IntegrationTests.Features.Appreciations;

[Collection(AppCollection.Name)]
public sealed class BackingStatementTests(CornerAppFactory factory)
{
    private static List<string> Reminder(string spaceHome) =>
        Html.Parse(spaceHome).QuerySelectorAll(".space-backing .backing-reminder li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task Backing_WhenWrittenReorderedAndRetired_TheOtherSeesTheActiveOnesInOrderOnTheSpaceHome()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        Assert.Contains("Ana hasn't written what having their back looks like yet.", Text(await ben.GetStringAsync($"/spaces/{bondId}"), ".space-backing"));

        foreach (var words in new[] { "walk with me when I'm upset", "ask what I really think", "stand next to me at family dinners" })
        {
            var added = await ana.AddStatementThroughFormAsync(bondId, words);
            Assert.True(added.StatusCode.IsRedirect(), $"adding answered {(int)added.StatusCode}");
        }
        var home = await ben.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains("Ana feels you have their back when you:", Text(home, ".space-backing"));
        Assert.Equal(["walk with me when I'm upset", "ask what I really think", "stand next to me at family dinners"], Reminder(home));
        // Ana's own statements are not a reminder to Ana.
        Assert.Empty(Reminder(await ana.GetStringAsync($"/spaces/{bondId}")));

        var rows = await factory.StatementRowsAsync(bondId);
        var moved = await ana.SubmitFormAsync($"/spaces/{bondId}/backing", [new("direction", "up")], HandlerForm("Move", rows[2].Id));
        Assert.True(moved.StatusCode.IsRedirect());
        Assert.Equal(["walk with me when I'm upset", "stand next to me at family dinners", "ask what I really think"], Reminder(await ben.GetStringAsync($"/spaces/{bondId}")));

        var retired = await ana.SubmitFormAsync($"/spaces/{bondId}/backing", [], HandlerForm("Retire", rows[0].Id));
        Assert.True(retired.StatusCode.IsRedirect());
        Assert.Equal(["stand next to me at family dinners", "ask what I really think"], Reminder(await ben.GetStringAsync($"/spaces/{bondId}")));
        Assert.DoesNotContain("walk with me", await ben.GetStringAsync($"/spaces/{bondId}/backing"));
        Assert.DoesNotContain("walk with me", await ben.GetStringAsync($"/api/v1/spaces/{bondId}/backing"));
        var anaPage = await ana.GetStringAsync($"/spaces/{bondId}/backing");
        Assert.Contains("walk with me when I'm upset", Text(anaPage, ".backing--retired"));

        var restored = await ana.SubmitFormAsync($"/spaces/{bondId}/backing", [], HandlerForm("Restore", rows[0].Id));
        Assert.True(restored.StatusCode.IsRedirect());
        Assert.Equal(["stand next to me at family dinners", "ask what I really think", "walk with me when I'm upset"], Reminder(await ben.GetStringAsync($"/spaces/{bondId}")));

        var edited = await ana.SubmitFormAsync($"/spaces/{bondId}/backing/{rows[1].Id}/edit", new Dictionary<string, string> { ["Words"] = "ask what I really think, and wait for the answer" });
        Assert.True(edited.StatusCode.IsRedirect());
        Assert.Contains("ask what I really think, and wait for the answer", Reminder(await ben.GetStringAsync($"/spaces/{bondId}")));
    }

    [Fact]
    public async Task Backing_SomeoneElsesStatement_CannotBeEditedRetiredMovedOrRestoredByTheOtherMember()
    {
        var (ana, _, bondId, anaClient, ben) = await factory.CoupleAsync();
        await anaClient.AddStatementThroughFormAsync(bondId, "text me when you're running late");
        await anaClient.AddStatementThroughFormAsync(bondId, "back me up with your mum");
        var id = (await factory.StatementRowsAsync(bondId))[0].Id;
        var before = (await factory.StatementRowsAsync(bondId)).Select(s => (s.Position, s.RetiredAt, Convert.ToHexString(s.WordsCipher))).ToList();
        var token = await ben.AntiforgeryTokenAsync($"/spaces/{bondId}/backing");

        Assert.Equal(HttpStatusCode.NotFound, (await ben.GetAsync($"/spaces/{bondId}/backing/{id}/edit")).StatusCode);
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ($"/spaces/{bondId}/backing/{id}/edit", new() { ["Words"] = "rewritten" }),
                     ($"/spaces/{bondId}/backing?handler=Retire", new() { ["statementId"] = id.ToString() }),
                     ($"/spaces/{bondId}/backing?handler=Move", new() { ["statementId"] = id.ToString(), ["direction"] = "down" }),
                     ($"/spaces/{bondId}/backing?handler=Restore", new() { ["statementId"] = id.ToString() }),
                     ($"/spaces/{bondId}/backing?handler=Retire", new() { ["statementId"] = "not-a-guid" }),
                     ($"/spaces/{bondId}/backing?handler=Retire", new() { ["statementId"] = Guid.NewGuid().ToString() }),
                 })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await ben.PostAsync(url, new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url} answered {(int)response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PutAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}", new { words = "rewritten" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}/retire", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}/move", new { direction = "down" })).StatusCode);

        var after = (await factory.StatementRowsAsync(bondId)).Select(s => (s.Position, s.RetiredAt, Convert.ToHexString(s.WordsCipher))).ToList();
        Assert.Equal(before, after);
        _ = ana;
    }

    [Theory]
    [InlineData("too long")]
    [InlineData("nul")]
    [InlineData("empty")]
    public async Task Backing_WithBadInput_SaysWhatIsWrongAndKeepsWhatWasTyped(string bad)
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var (words, expected) = bad switch
        {
            "too long" => (new string('y', BackingStatementWriter.WordsMaxLength + 1), "Please keep it to 200 characters."),
            "nul" => ("listen\0 to me", "hidden character"),
            _ => ("  ", "Please finish the sentence first."),
        };

        var response = await ana.AddStatementThroughFormAsync(bondId, words);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(expected, page.QuerySelector("[role=alert]")!.TextContent);
        if (bad == "too long")
            Assert.Equal(words, page.QuerySelector("input[name=Words]")!.GetAttribute("value"));
        Assert.Empty(await factory.StatementRowsAsync(bondId));
    }

    [Fact]
    public async Task Backing_EditWithBadInput_KeepsWhatWasTypedAndChangesNothing()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        await ana.AddStatementThroughFormAsync(bondId, "hold my hand at the doctor's");
        var id = (await factory.StatementRowsAsync(bondId))[0].Id;
        var tooLong = new string('z', BackingStatementWriter.WordsMaxLength + 5);

        var response = await ana.SubmitFormAsync($"/spaces/{bondId}/backing/{id}/edit", new Dictionary<string, string> { ["Words"] = tooLong });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(tooLong, page.QuerySelector("input[name=Words]")!.GetAttribute("value"));
        Assert.Contains("hold my hand at the doctor's", Text(await ana.GetStringAsync($"/spaces/{bondId}/backing"), "main"));
    }

    [Fact]
    public async Task Backing_WithMarkupAndRightToLeftText_IsShownToTheOtherAsText()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        const string words = "<img src=x onerror=alert(1)> تقف بجانبي 💪";

        await ana.AddStatementThroughFormAsync(bondId, words);

        var home = await ben.GetStringAsync($"/spaces/{bondId}");
        Assert.Equal([words], Reminder(home));
        Assert.Null(Html.Parse(home).QuerySelector(".space-backing img"));
        Assert.Equal("auto", Html.Parse(home).QuerySelector(".space-backing .backing-reminder li")!.GetAttribute("dir"));
    }

    [Fact]
    public async Task Backing_WhenTheSameFormIsSubmittedTwice_AddsOneStatement()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        var form = (await ana.GetPageAsync($"/spaces/{bondId}/backing")).QuerySelector("form[action*='handler=Add']")!;
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["SubmissionId"] = form.QuerySelector("[name=SubmissionId]")!.GetAttribute("value")!,
            ["Words"] = "notice when I go quiet",
        };

        var once = await ana.PostAsync($"/spaces/{bondId}/backing?handler=Add", new FormUrlEncodedContent(fields));
        var twice = await ana.PostAsync($"/spaces/{bondId}/backing?handler=Add", new FormUrlEncodedContent(fields));

        Assert.True(once.StatusCode.IsRedirect());
        Assert.True(twice.StatusCode.IsRedirect());
        Assert.Single(await factory.StatementRowsAsync(bondId));
    }

    [Fact]
    public async Task Backing_WhenTheListIsFull_RefusesAnotherUntilOneIsRetired()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        for (var i = 1; i <= BackingStatementWriter.MaxActive; i++)
            Assert.Equal(HttpStatusCode.Created, (await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = $"thing {i}" })).StatusCode);

        var page = await ana.GetStringAsync($"/spaces/{bondId}/backing");
        Assert.Contains("which is the most it holds", Text(page, "main"));
        Assert.Null(Html.Parse(page).QuerySelector("form[action*='handler=Add']"));
        var refused = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = "one more" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("too_many", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var first = (await factory.StatementRowsAsync(bondId))[0].Id;
        Assert.Equal(HttpStatusCode.NoContent, (await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{first}/retire", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = "one more" })).StatusCode);
        var restore = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{first}/restore", new { });
        Assert.Equal(HttpStatusCode.Conflict, restore.StatusCode);
    }

    [Fact]
    public async Task Api_ManagesTheirOwnListAndSeesTheOthersActiveOnes()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        var created = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = "  remind me I'm not alone\r\n  " });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = "laugh at my bad jokes" });

        Assert.Equal(HttpStatusCode.NoContent, (await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}", new { words = "remind me I'm never alone" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}/move", new { direction = "down" })).StatusCode);
        var badMove = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}/move", new { direction = "sideways" });
        Assert.Equal(HttpStatusCode.BadRequest, badMove.StatusCode);
        var badEdit = await ana.PutAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{id}", new { words = "a\u0000b" });
        Assert.Equal(HttpStatusCode.BadRequest, badEdit.StatusCode);

        var mine = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/backing");
        Assert.Equal(["laugh at my bad jokes", "remind me I'm never alone"],
            mine.GetProperty("mine").EnumerateArray().Select(s => s.GetProperty("words").GetString()!).ToList());
        Assert.Empty(mine.GetProperty("theirs").EnumerateArray());

        var theirs = await ben.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/backing");
        Assert.Equal("Ana", theirs.GetProperty("otherName").GetString());
        Assert.Equal(["laugh at my bad jokes", "remind me I'm never alone"],
            theirs.GetProperty("theirs").EnumerateArray().Select(s => s.GetString()!).ToList());
        Assert.DoesNotContain(id.ToString(), theirs.GetRawText());
    }

    [Fact]
    public async Task RowLevelSecurity_HidesRetiredStatementsFromTheOtherMemberEvenInRawSql()
    {
        var (ana, ben, bondId, anaClient, _) = await factory.CoupleAsync();
        await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = "standing" });
        var retired = (await (await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing", new { words = "retired" }))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/backing/{retired}/retire", new { });

        async Task<long> CountAsAsync(Guid? personId)
        {
            await using var connection = await Sql.OpenAsync(TestDatabase.AppConnectionString);
            await using var transaction = await connection.BeginTransactionAsync();
            await Sql.ExecuteAsync(connection, "select set_config('corner.person_id', $1, true)", personId?.ToString() ?? "");
            return await Sql.ScalarAsync<long>(connection, "select count(*) from backing_statements where bond_id = $1", bondId);
        }

        Assert.Equal(2L, await CountAsAsync(ana.Id));
        Assert.Equal(1L, await CountAsAsync(ben.Id));
        Assert.Equal(0L, await CountAsAsync((await factory.CreatePersonAsync()).Id));
        Assert.Equal(0L, await CountAsAsync(null));
    }
}
