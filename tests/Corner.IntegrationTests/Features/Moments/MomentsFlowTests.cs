using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Moments;

[Collection(AppCollection.Name)]
public sealed class MomentsFlowTests(CornerAppFactory factory)
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

    private static Func<AngleSharp.Html.Dom.IHtmlFormElement, bool> Handler(string name) =>
        form => (form.GetAttribute("action") ?? "").Contains("handler=" + name, StringComparison.Ordinal);

    private static async Task<Guid> RecordMomentAsync(HttpClient supporter, Guid bondId, string situation = "Lunch with your brother",
        string noticed = "You went quiet when he joked about your work")
    {
        var response = await supporter.SubmitFormAsync($"/spaces/{bondId}/moments/new",
            new Dictionary<string, string>
            {
                ["Situation"] = situation,
                ["Noticed"] = noticed,
                ["Sided"] = "I laughed with you, not at you",
                ["Action"] = "I changed the subject",
            });
        Assert.True(response.StatusCode.IsRedirect(), $"recording answered {(int)response.StatusCode}");
        return Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
    }

    [Fact]
    public async Task RecordedMoment_WhenTheBackedPersonAnswersAndTheSupporterReinforces_ShowsAllFiveStepsToBoth()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        var momentId = await RecordMomentAsync(ben, bondId);

        var home = await ana.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains("Ben recorded a moment of backing you. Did it help?", Text(home, ".waiting"));
        var answered = await ana.SubmitFormAsync($"/spaces/{bondId}/moments/{momentId}",
            [new("answer", "partly"), new("more", "Sit next to me next time")], Handler("Answer"));
        Assert.True(answered.StatusCode.IsRedirect(), $"answer answered {(int)answered.StatusCode}");

        Assert.Contains("Ana answered your check-in", Text(await ben.GetStringAsync($"/spaces/{bondId}"), ".waiting"));
        var page = await ben.GetStringAsync($"/spaces/{bondId}/moments/{momentId}");
        Assert.Contains("Sit next to me next time", page);
        Assert.Contains("I'm glad I was there with you, Ana.", Text(page, "textarea#words"));
        var reinforced = await ben.SubmitFormAsync($"/spaces/{bondId}/moments/{momentId}",
            [new("words", "Always on your side, love")], Handler("Reinforce"));
        Assert.True(reinforced.StatusCode.IsRedirect(), $"reinforce answered {(int)reinforced.StatusCode}");

        var seen = await ana.GetStringAsync($"/spaces/{bondId}/moments/{momentId}");
        Assert.Contains("Always on your side, love", Text(seen, "#reinforce"));
        Assert.Equal(5, Html.Parse(seen).QuerySelectorAll(".steps--progress .step--done").Length);
        Assert.DoesNotContain("Ana answered your check-in", Text(await ben.GetStringAsync($"/spaces/{bondId}"), ".waiting"));
    }

    [Fact]
    public async Task Answer_ByTheSupporterThemselves_IsNotFoundAndChangesNothing()
    {
        var (_, _, bondId, _, ben) = await CoupleAsync();
        var momentId = await RecordMomentAsync(ben, bondId);
        var token = await ben.AntiforgeryTokenAsync($"/spaces/{bondId}/moments/{momentId}");

        var response = await ben.PostAsync($"/spaces/{bondId}/moments/{momentId}?handler=Answer", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["answer"] = "yes", ["__RequestVerificationToken"] = token }));
        var api = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments/{momentId}/answer", new { answer = "yes" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from moments where id = $1 and answer is not null", momentId));
    }

    [Fact]
    public async Task Reinforce_ByTheBackedPersonOrForAMomentThatDoesNotExist_IsNotFound()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        var momentId = await RecordMomentAsync(ben, bondId);

        var byBacked = await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments/{momentId}/reinforce", new { words = "mine" });
        var noMoment = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments/{Guid.NewGuid()}/reinforce", new { words = "early" });

        Assert.Equal(HttpStatusCode.NotFound, byBacked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noMoment.StatusCode);
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from moments where id = $1 and reinforced_at is not null", momentId));
    }

    [Fact]
    public async Task RecordMoment_SubmittedTwiceWithTheSameForm_MakesOneMoment()
    {
        var (_, _, bondId, _, ben) = await CoupleAsync();
        var page = Html.Parse(await ben.GetStringAsync($"/spaces/{bondId}/moments/new"));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("main input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["SubmissionId"] = page.QuerySelector("input[name=SubmissionId]")!.GetAttribute("value")!,
            ["Situation"] = "The school gate",
            ["Sided"] = "I stood next to you",
        };

        var first = await ben.PostAsync($"/spaces/{bondId}/moments/new", new FormUrlEncodedContent(fields));
        var second = await ben.PostAsync($"/spaces/{bondId}/moments/new", new FormUrlEncodedContent(fields));

        Assert.True(first.StatusCode.IsRedirect());
        Assert.True(second.StatusCode.IsRedirect());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from moments where bond_id = $1", bondId));
    }

    [Fact]
    public async Task RecordMoment_WithBadInput_SaysWhatToFixAndKeepsWhatWasTyped()
    {
        var (_, _, bondId, _, ben) = await CoupleAsync();

        var nothing = await ben.SubmitFormAsync($"/spaces/{bondId}/moments/new",
            new Dictionary<string, string> { ["Situation"] = "Only a title, no steps" });
        var control = await ben.SubmitFormAsync($"/spaces/{bondId}/moments/new",
            new Dictionary<string, string> { ["Situation"] = "Bell\u0007 here", ["Noticed"] = "Kept words \u05e9\u05dc\u05d5\u05dd 🌿" });
        var huge = await ben.SubmitFormAsync($"/spaces/{bondId}/moments/new",
            new Dictionary<string, string> { ["Situation"] = "Long", ["Action"] = new string('x', 5000) });

        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("at least one of the first three steps", await nothing.BodyAsync());
        Assert.Contains("Only a title, no steps", await nothing.BodyAsync());
        Assert.Equal(HttpStatusCode.BadRequest, control.StatusCode);
        Assert.Contains("invisible control character", await control.BodyAsync());
        Assert.Contains("Kept words \u05e9\u05dc\u05d5\u05dd 🌿", Text(await control.BodyAsync(), "textarea#Noticed"));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("longer than there's room for", Text(await huge.BodyAsync(), ".error-summary"));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from moments where bond_id = $1", bondId));
    }

    [Fact]
    public async Task RecordMoment_WithMarkupEmojiAndRightToLeftText_IsStoredAndShownAsPlainText()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        var momentId = await RecordMomentAsync(ben, bondId, "<script>alert(1)</script> \u0645\u0631\u062d\u0628\u0627 🎉", "<b>bold</b>");

        var page = await ana.GetStringAsync($"/spaces/{bondId}/moments/{momentId}");

        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.Contains("<script>alert(1)</script> \u0645\u0631\u062d\u0628\u0627 🎉", Text(page, "h1"));
        Assert.Contains("<b>bold</b>", Text(page, ".moment-steps"));
    }

    [Fact]
    public async Task Ask_DatedInThePast_SaysSoAndKeepsWhatWasTyped()
    {
        var (ana, _, bondId, anaClient, _) = await CoupleAsync();
        var today = await factory.InScopeAsync(ana.Id, sp => sp.GetRequiredService<PersonalDay>().TodayAsync(ana.Id));

        var response = await anaClient.SubmitFormAsync($"/spaces/{bondId}/asks/new", new Dictionary<string, string>
        {
            ["OnDate"] = today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Situation"] = "Dinner at Mum's",
            ["Help"] = "Step in if she asks about work",
        });
        var malformed = await anaClient.SubmitFormAsync($"/spaces/{bondId}/asks/new", new Dictionary<string, string>
        {
            ["OnDate"] = "not-a-date",
            ["Situation"] = "Dinner at Mum's",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.BodyAsync();
        Assert.Contains("That day has already gone by", Text(body, ".error-summary"));
        Assert.Contains("Step in if she asks about work", Text(body, "textarea#Help"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("couldn't be read", Text(await malformed.BodyAsync(), ".error-summary"));
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from backing_asks where bond_id = $1", bondId));
    }

    [Fact]
    public async Task Ask_ForToday_AppearsOnTheOthersHomeAndItsMomentLinksBack()
    {
        var (ana, _, bondId, anaClient, ben) = await CoupleAsync();
        var today = await factory.InScopeAsync(ana.Id, sp => sp.GetRequiredService<PersonalDay>().TodayAsync(ana.Id));
        var tomorrowAsk = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/asks",
            new { submissionId = Guid.NewGuid(), date = today.AddDays(1).ToString("yyyy-MM-dd"), situation = "Tomorrow's meeting" });
        var todayAsk = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/asks",
            new { submissionId = Guid.NewGuid(), date = today.ToString("yyyy-MM-dd"), situation = "Today's dinner", help = "Sit by me" });
        Assert.Equal(HttpStatusCode.Created, todayAsk.StatusCode);
        var tomorrowId = (await tomorrowAsk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var todayId = (await todayAsk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var home = await ben.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains("Today's dinner", Text(home, ".space-moments"));
        Assert.Contains("Ana asked for your backing", Text(home, ".waiting"));

        var early = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), askId = tomorrowId, situation = "Too soon", action = "Nothing yet" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var recorded = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), askId = todayId, situation = "Today's dinner", action = "I sat by you" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var again = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), askId = todayId, situation = "Again", action = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var ownAsk = await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), askId = todayId, situation = "Backing myself", action = "?" });
        Assert.Equal(HttpStatusCode.NotFound, ownAsk.StatusCode);

        var ask = await anaClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/asks/{todayId}");
        Assert.Equal((await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(), ask.GetProperty("momentId").GetGuid());
    }

    [Fact]
    public async Task MissedMoment_WhenTheOtherRespondsAndBothMarkIt_IsRepairedAndCounted()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        var written = await ben.SubmitFormAsync($"/spaces/{bondId}/missed/new",
            [new("Side", "should_have"), new("What", "At the party I left you alone with my boss"), new("Reasons", "stress"),
             new("Reasons", "assumed_fine"), new("Reflection", "I was wound up about Monday")],
            form => form.QuerySelector("[name=What]") is not null);
        Assert.True(written.StatusCode.IsRedirect(), $"writing answered {(int)written.StatusCode}");
        var url = written.Headers.Location!.OriginalString;

        Assert.Contains("Ben wrote about a missed moment", Text(await ana.GetStringAsync($"/spaces/{bondId}"), ".waiting"));
        Assert.Empty(Html.Parse(await ben.GetStringAsync(url)).QuerySelectorAll("form[action*='handler=Repaired']"));
        var token = await ben.AntiforgeryTokenAsync(url);
        var tooEarly = await ben.PostAsync(url + "?handler=Repaired",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Contains("once there's been a response", Text(await tooEarly.BodyAsync(), ".error-summary"));
        var selfRespond = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/missed-moments/{url.Split('/').Last()}/response", new { words = "me" });
        Assert.Equal(HttpStatusCode.NotFound, selfRespond.StatusCode);

        Assert.True((await ana.SubmitFormAsync(url, [new("words", "Thank you for saying it")], Handler("Respond"))).StatusCode.IsRedirect());
        Assert.True((await ana.SubmitFormAsync(url, [], Handler("Repaired"))).StatusCode.IsRedirect());
        var half = await ben.GetStringAsync(url);
        Assert.Contains("Ana has marked it repaired.", half);
        Assert.DoesNotContain("Repaired together", half);
        Assert.True((await ben.SubmitFormAsync(url, [], Handler("Repaired"))).StatusCode.IsRedirect());

        Assert.Contains("Repaired together", await ana.GetStringAsync(url));
        var summary = await ana.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/moments/summary");
        Assert.Equal(1, summary.GetProperty("repairsMade").GetInt32());
        Assert.Equal(0, summary.GetProperty("missedStillOpen").GetInt32());
    }

    [Fact]
    public async Task Api_CreateWithTheSameSubmissionId_ReturnsTheSameMomentOnce()
    {
        var (_, _, bondId, _, ben) = await CoupleAsync();
        var body = new { submissionId = Guid.NewGuid(), situation = "Bus stop", noticed = "You looked cold" };

        var first = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments", body);
        var second = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments", body);
        var empty = await ben.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments", new { situation = "No id", noticed = "x" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from moments where bond_id = $1", bondId));
    }

    [Fact]
    public async Task Timeline_FilteredToMissedMoments_ShowsOnlyThose()
    {
        var (_, _, bondId, ana, ben) = await CoupleAsync();
        await RecordMomentAsync(ben, bondId, "The moment in the car");
        await ana.PostAsJsonAsync($"/api/v1/spaces/{bondId}/missed-moments",
            new { submissionId = Guid.NewGuid(), side = "wish_you_had", what = "The phone call with the landlord" });

        var all = Text(await ana.GetStringAsync($"/spaces/{bondId}/moments"), ".timeline");
        var missed = Text(await ana.GetStringAsync($"/spaces/{bondId}/moments?show=missed"), ".timeline");
        var badMonth = await ana.GetAsync($"/spaces/{bondId}/moments?month=9999-99");

        Assert.Contains("The moment in the car", all);
        Assert.Contains("The phone call with the landlord", all);
        Assert.DoesNotContain("The moment in the car", missed);
        Assert.Contains("The phone call with the landlord", missed);
        Assert.Equal(HttpStatusCode.OK, badMonth.StatusCode);
    }

    [Fact]
    public async Task NudgeSetting_IsOffByDefaultAndTurnsOnFromTheRemindersPage()
    {
        var (_, _, _, ana, _) = await CoupleAsync();
        var page = Html.Parse(await ana.GetStringAsync("/reminders"));
        Assert.False(page.QuerySelector("#moment-nudges input[name=Enabled]")!.HasAttribute("checked"));

        var saved = await ana.SubmitFormAsync("/reminders", new Dictionary<string, string> { ["Enabled"] = "true" }, "/moments/nudges");

        Assert.True(saved.StatusCode.IsRedirect());
        Assert.True(Html.Parse(await ana.GetStringAsync("/reminders")).QuerySelector("#moment-nudges input[name=Enabled]")!.HasAttribute("checked"));
        Assert.True((await ana.GetFromJsonAsync<JsonElement>("/api/v1/moments/nudges")).GetProperty("enabled").GetBoolean());
    }
}
