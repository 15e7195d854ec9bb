using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Reconnection;

[Collection(AppCollection.Name)]
public sealed class ReconnectionPlanTests(CornerAppFactory factory)
{
    private async Task<(Guid BondId, HttpClient Amal, HttpClient Sam)> CoupleAsync()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bondId = await factory.CreateBondAsync(amal, sam);
        return (bondId, await factory.SignedInClientAsync(amal), await factory.SignedInClientAsync(sam));
    }

    private static Dictionary<string, string> Plan(string sign, string steps = "Amal walks; Sam reads", string back = "After the walk, in the kitchen",
        string phrase = "We're on the same side") =>
        new() { ["Sign"] = sign, ["PauseSteps"] = steps, ["ComingBack"] = back, ["RepairPhrase"] = phrase };

    private static Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid bondId, Dictionary<string, string> fields) =>
        client.SubmitFormAsync($"/spaces/{bondId}/reconnect/edit", fields);

    private static Task<HttpResponseMessage> ConfirmAsync(HttpClient client, Guid bondId, int? version = null) =>
        client.SubmitFormAsync($"/spaces/{bondId}/reconnect",
            version is { } v ? [new("version", v.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [],
            form => (form.GetAttribute("action") ?? "").Contains("handler=Confirm", StringComparison.Ordinal));

    private static string MainText(string html) => Html.Parse(html).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task Plan_WhenBothConfirmAndOneEdits_TheOtherIsAskedAgainAndTheHistorySaysWhoChangedWhat()
    {
        var (bondId, amal, sam) = await CoupleAsync();
        Assert.Contains("No plan yet", MainText(await amal.GetStringAsync($"/spaces/{bondId}/reconnect")));

        var saved = await SaveAsync(amal, bondId, Plan("Voices get louder"));
        Assert.True(saved.StatusCode.IsRedirect(), $"save answered {(int)saved.StatusCode}");
        Assert.Contains("Amal changed the plan (now version 1)", MainText(await sam.GetStringAsync($"/spaces/{bondId}/reconnect")));
        Assert.Contains("Waiting for Sam to confirm it too.", MainText(await amal.GetStringAsync($"/spaces/{bondId}/reconnect")));

        Assert.True((await ConfirmAsync(sam, bondId)).StatusCode.IsRedirect());
        foreach (var client in new[] { amal, sam })
            Assert.Contains("You've both agreed to version 1.", MainText(await client.GetStringAsync($"/spaces/{bondId}/reconnect")));

        Assert.True((await SaveAsync(amal, bondId, Plan("Voices get louder, or one of us goes quiet", phrase: "Let's start again"))).StatusCode.IsRedirect());

        var samView = MainText(await sam.GetStringAsync($"/spaces/{bondId}/reconnect"));
        Assert.Contains("Amal changed the plan (now version 2)", samView);
        Assert.Contains("Voices get louder, or one of us goes quiet", samView);
        Assert.Contains("Version 2: Amal changed the sign and the repair phrase.", samView);
        Assert.Contains("Version 1: Amal changed the sign, what each of you does to pause, how you come back and the repair phrase.", samView);
        // B's space home asks for the confirmation again.
        var home = Html.Parse(await sam.GetStringAsync($"/spaces/{bondId}"));
        Assert.Contains("Amal changed your reconnection plan", home.QuerySelector(".waiting")!.TextContent);
        Assert.Contains("waiting for your confirmation", home.QuerySelector(".space-reconnection")!.TextContent);

        Assert.True((await ConfirmAsync(sam, bondId)).StatusCode.IsRedirect());
        Assert.Contains("You've both agreed to version 2.", MainText(await amal.GetStringAsync($"/spaces/{bondId}/reconnect")));
        Assert.DoesNotContain("reconnection plan", Html.Parse(await sam.GetStringAsync($"/spaces/{bondId}")).QuerySelector(".waiting")!.TextContent);
    }

    [Fact]
    public async Task Confirm_OfAVersionThatHasSinceChanged_IsRefusedAndShowsTheLatest()
    {
        var (bondId, amal, sam) = await CoupleAsync();
        await SaveAsync(amal, bondId, Plan("First words"));
        await SaveAsync(amal, bondId, Plan("Second words"));

        var page = await ConfirmAsync(sam, bondId, version: 1);
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        var shown = MainText(await page.Content.ReadAsStringAsync());
        Assert.Contains("The plan changed since you read it.", shown);
        Assert.Contains("Second words", shown);
        Assert.Contains("Version 2 works for me", shown);

        var api = await sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan/confirm", new { version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("plan_changed", problem.GetProperty("code").GetString());
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());

        var plan = await sam.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/reconnection-plan");
        Assert.False(plan.GetProperty("confirmedByMe").GetBoolean());
        // Confirming the right version twice is fine.
        Assert.Equal(HttpStatusCode.OK, (await sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan/confirm", new { version = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan/confirm", new { version = 2 })).StatusCode);
        // Amal's save was her own confirmation, so now both have confirmed version 2.
        var samsView = await sam.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/reconnection-plan");
        Assert.True(samsView.GetProperty("confirmedByMe").GetBoolean());
        Assert.True(samsView.GetProperty("confirmedByOther").GetBoolean());
        Assert.True((await amal.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/reconnection-plan")).GetProperty("confirmedByOther").GetBoolean());
    }

    [Fact]
    public async Task Edit_BasedOnAVersionSomeoneElseReplaced_OverwritesNothingAndKeepsWhatWasTyped()
    {
        var (bondId, amal, sam) = await CoupleAsync();
        await SaveAsync(amal, bondId, Plan("Where we started"));
        // Both open the form at version 1; Sam saves first.
        var amalForm = await amal.GetPageAsync($"/spaces/{bondId}/reconnect/edit");
        Assert.Equal("1", ((IHtmlInputElement)amalForm.QuerySelector("input[name=BaseVersion]")!).Value);
        Assert.True((await SaveAsync(sam, bondId, Plan("Sam's newer words"))).StatusCode.IsRedirect());

        var stale = await amal.PostAsync($"/spaces/{bondId}/reconnect/edit", new FormUrlEncodedContent(new Dictionary<string, string>(Plan("Amal's words typed meanwhile"))
        {
            ["BaseVersion"] = "1",
            ["__RequestVerificationToken"] = ((IHtmlInputElement)amalForm.QuerySelector("input[name=__RequestVerificationToken]")!).Value,
        }));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var page = Html.Parse(await stale.Content.ReadAsStringAsync());
        Assert.Contains("While you were writing, Sam saved a new version of the plan.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("Sam's newer words", page.QuerySelector(".plan")!.TextContent);
        Assert.Equal("Amal's words typed meanwhile", ((IHtmlTextAreaElement)page.QuerySelector("textarea[name=Sign]")!).Value);
        Assert.Equal("2", ((IHtmlInputElement)page.QuerySelector("input[name=BaseVersion]")!).Value);
        Assert.Equal(2L, await Sql.OwnerScalarAsync<long>("select version::bigint from reconnection_plans where bond_id = $1", bondId));
        Assert.Contains("Sam's newer words", await amal.GetStringAsync($"/api/v1/spaces/{bondId}/reconnection-plan"));

        var api = await amal.PutAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan", new { baseVersion = 1, sign = "Again from the API" });
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal("version_changed", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Edit_SavedTwiceAtOnce_MakesOneVersionAndNeverFails()
    {
        var (bondId, amal, sam) = await CoupleAsync();
        await SaveAsync(amal, bondId, Plan("Version one"));

        // The same edit twice (a double submit), and two different edits racing from both people.
        var responses = await Task.WhenAll(
            amal.PutAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan", new { baseVersion = 1, sign = "Amal's second" }),
            amal.PutAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan", new { baseVersion = 1, sign = "Amal's second" }),
            sam.PutAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan", new { baseVersion = 1, sign = "Sam's second" }));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {(int)r.StatusCode}"));
        Assert.Equal(2L, await Sql.OwnerScalarAsync<long>("select version::bigint from reconnection_plans where bond_id = $1", bondId));
        Assert.Equal(2L, await Sql.OwnerScalarAsync<long>("select count(*) from reconnection_plan_changes where bond_id = $1", bondId));
    }

    [Theory]
    [InlineData("", "", "", "", "Write at least one part of the plan.")]
    [InlineData("x", "", "", "with a \u0000 null", "the repair phrase contains a character that can't be saved")]
    [InlineData("oversized", "", "", "", "Please shorten the sign to 1000 characters or fewer.")]
    public async Task Edit_WithBadInput_SaysWhatIsWrongAndKeepsTheWords(string sign, string steps, string back, string phrase, string message)
    {
        var (bondId, amal, _) = await CoupleAsync();
        if (sign == "oversized")
            sign = new string('a', 1001);
        var response = await SaveAsync(amal, bondId, Plan(sign, steps, back, phrase));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(sign, ((IHtmlTextAreaElement)page.QuerySelector("textarea[name=Sign]")!).Value);
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from reconnection_plans where bond_id = $1", bondId));

        var api = await amal.PutAsJsonAsync($"/api/v1/spaces/{bondId}/reconnection-plan",
            new { baseVersion = 0, sign, pauseSteps = steps, comingBack = back, repairPhrase = phrase });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
    }

    [Fact]
    public async Task Edit_WithMarkupEmojiAndRightToLeftText_IsSavedAndShownAsPlainText()
    {
        var (bondId, amal, sam) = await CoupleAsync();
        const string markup = "<script>alert('x')</script><b>loud</b>";
        const string words = "נחזור זה לזה 🌿 after tea";

        Assert.True((await SaveAsync(amal, bondId, Plan(markup, phrase: words))).StatusCode.IsRedirect());

        var html = await sam.GetStringAsync($"/spaces/{bondId}/reconnect");
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains(markup, Html.Parse(html).QuerySelector(".plan-parts")!.TextContent);
        Assert.Contains(words, Html.Parse(html).QuerySelector(".plan-parts")!.TextContent);
        var api = await sam.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/reconnection-plan");
        Assert.Equal(words, api.GetProperty("repairPhrase").GetString());
    }

    [Fact]
    public async Task Api_UnknownSpaceOrMalformedBody_AnswersWithA4xx()
    {
        var (bondId, amal, _) = await CoupleAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await amal.GetAsync($"/api/v1/spaces/{Guid.NewGuid()}/reconnection-plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await amal.GetAsync($"/spaces/{Guid.NewGuid()}/reconnect")).StatusCode);
        var malformed = await amal.PutAsync($"/api/v1/spaces/{bondId}/reconnection-plan",
            new StringContent("{\"baseVersion\": \"one\"", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var empty = await amal.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/reconnection-plan");
        Assert.Equal(0, empty.GetProperty("version").GetInt32());
    }
}
