using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.PartnerMap;
using static Corner.IntegrationTests.Features.PartnerMap.PartnerMapTestKit;

namespace Corner.IntegrationTests.Features.PartnerMap;

[Collection(AppCollection.Name)]
public sealed class PartnerMapPrivacyTests(CornerAppFactory factory)
{
    [Fact]
    public async Task PrivateAnswer_InATenderArea_NeverReachesTheOtherPerson_EvenAfterTrustAndComparing()
    {
        var (ana, _, bondId, anaClient, ben) = await factory.CoupleAsync();
        // Tender area and no "shared": private by default.
        var saved = await anaClient.AnswerApiAsync(bondId, new { question = "soft_spots.3", text = "Jokes about my accent, quiet fern" });
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var guessId = await (await ben.GuessApiAsync(bondId, new { question = "soft_spots.3", text = "Comments about work" })).IdOfAsync();
        await ben.PostAsync($"/api/v1/spaces/{bondId}/map/trust", null);
        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.CompareApiAsync(bondId, guessId, new { mark = "not_quite", note = "Closer to home" })).StatusCode);

        var seen = new[]
        {
            await ben.GetStringAsync($"/spaces/{bondId}/map"),
            await ben.GetStringAsync($"/spaces/{bondId}/map?view=them"),
            await ben.GetStringAsync(QuestionPage(bondId, "soft_spots.3")),
            await ben.GetStringAsync($"/api/v1/spaces/{bondId}/map"),
            await ben.GetStringAsync($"/spaces/{bondId}"),
        };
        foreach (var body in seen)
            Assert.DoesNotContain("quiet fern", body, StringComparison.Ordinal);
        var question = await ben.MapQuestionAsync(bondId, "soft_spots.3");
        Assert.Equal(JsonValueKind.Null, question.GetProperty("theirAnswer").ValueKind);
        Assert.False(question.GetProperty("theirAnswerAwaitsTrust").GetBoolean());
        Assert.Equal(JsonValueKind.Null, question.GetProperty("mine").ValueKind);
        // Ben still sees how his guess was compared: Ana chose to tell him that much.
        Assert.Equal("not_quite", question.GetProperty("myGuess").GetProperty("mark").GetString());
        Assert.Contains("Nothing from Ana here yet.", Text(seen[2], "#their-answer"));
        Assert.Contains("Guessed: 1 of 4", Text(seen[1], "#area-soft_spots"));
        Assert.DoesNotContain("shared", Text(seen[1], "#area-soft_spots"), StringComparison.OrdinalIgnoreCase);

        // Ana still has it, marked as hers alone.
        var mine = await anaClient.MapQuestionAsync(bondId, "soft_spots.3");
        Assert.False(mine.GetProperty("mine").GetProperty("shared").GetBoolean());
        Assert.Contains("Only you can see this.", Text(await anaClient.GetStringAsync(QuestionPage(bondId, "soft_spots.3")), "#mine"));
        // And the database itself keeps it from Ben.
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from map_self_answers where person_id = $1 and shared", ana.Id));
    }

    [Fact]
    public async Task SharedAnswer_BeforeTheTrustScreen_IsNotShown_AndAfterConfirmingItIs()
    {
        var (_, ben, bondId, ana, benClient) = await factory.CoupleAsync();
        await ana.AnswerApiAsync(bondId, new { question = "admiration.1", text = "Teaching myself the cello at forty", shared = true });

        var before = await benClient.GetStringAsync(QuestionPage(bondId, "admiration.1"));
        Assert.DoesNotContain("cello", before, StringComparison.Ordinal);
        Assert.Contains("Ana has shared their own answer to this.", Text(before, "#their-answer"));
        var api = await benClient.MapQuestionAsync(bondId, "admiration.1");
        Assert.True(api.GetProperty("theirAnswerAwaitsTrust").GetBoolean());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("theirAnswer").ValueKind);

        // Posting without ticking the box explains what is needed and records nothing.
        var unticked = await benClient.SubmitFormAsync($"/spaces/{bondId}/map/trust", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
        Assert.Contains("Tick the box to agree", Text(await unticked.Content.ReadAsStringAsync(), "main"));

        var returnUrl = Uri.EscapeDataString($"/spaces/{bondId}/map/question?q=admiration.1");
        var agreed = await benClient.SubmitFormAsync($"/spaces/{bondId}/map/trust?returnUrl={returnUrl}", new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.True(agreed.StatusCode.IsRedirect(), $"trust answered {(int)agreed.StatusCode}");
        Assert.Equal($"/spaces/{bondId}/map/question?q=admiration.1", agreed.Headers.Location!.OriginalString);
        Assert.Contains("Teaching myself the cello at forty", Text(await benClient.GetStringAsync(QuestionPage(bondId, "admiration.1")), "#their-answer"));

        // Once only: a second agreement is accepted but neither recorded nor audited again.
        Assert.Equal(HttpStatusCode.NoContent, (await benClient.PostAsync($"/api/v1/spaces/{bondId}/map/trust", null)).StatusCode);
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from map_trust where person_id = $1 and bond_id = $2", ben.Id, bondId));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from audit_events where person_id = $1 and bond_id = $2 and kind = $3", ben.Id, bondId, MapWriter.TrustConfirmedAudit));
        Assert.Contains("You agreed to this on", Text(await benClient.GetStringAsync($"/spaces/{bondId}/map/trust"), "main"));
    }

    [Fact]
    public async Task TrustScreen_WithAReturnAddressOutsideTheMap_GoesBackToTheMap()
    {
        var (_, _, bondId, _, ben) = await factory.CoupleAsync();
        var agreed = await ben.SubmitFormAsync($"/spaces/{bondId}/map/trust?returnUrl={Uri.EscapeDataString("https://evil.example/")}",
            new Dictionary<string, string> { ["Confirm"] = "true" });
        Assert.Equal($"/spaces/{bondId}/map", agreed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SharingAnAnswer_ThenMakingItPrivate_HidesItAgain()
    {
        var (_, _, bondId, ana, ben) = await factory.CoupleAsync();
        await ben.PostAsync($"/api/v1/spaces/{bondId}/map/trust", null);
        await ana.AnswerApiAsync(bondId, new { question = "triggers.2", text = "Being talked over, like at home", shared = true });
        Assert.Equal("Being talked over, like at home", (await ben.MapQuestionAsync(bondId, "triggers.2")).GetProperty("theirAnswer").GetProperty("text").GetString());

        var page = await ana.SubmitMapFormAsync(bondId, "triggers.2", "Self", ("answer", "Being talked over, like at home"), ("share", "false"));
        Assert.True(page.StatusCode.IsRedirect());

        var after = await ben.MapQuestionAsync(bondId, "triggers.2");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("theirAnswer").ValueKind);
        Assert.False(after.GetProperty("theirAnswerAwaitsTrust").GetBoolean());
        Assert.DoesNotContain("talked over", await ben.GetStringAsync(QuestionPage(bondId, "triggers.2")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Map_OfAnotherSpace_AnswersNotFound_AndTheirAnswersNeverShowInMine()
    {
        var (_, _, bondId, ana, _) = await factory.CoupleAsync();
        await ana.AnswerApiAsync(bondId, new { question = "what_matters.1", text = "Sunday dinners with everyone, lantern" });
        var (_, _, otherBond, carol, _) = await factory.CoupleAsync("Carol and Dev");

        foreach (var url in new[] { $"/spaces/{bondId}/map", QuestionPage(bondId, "what_matters.1"), $"/spaces/{bondId}/map/trust", $"/api/v1/spaces/{bondId}/map" })
        {
            var response = await carol.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("lantern", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.DoesNotContain("lantern", await carol.GetStringAsync($"/api/v1/spaces/{otherBond}/map"), StringComparison.Ordinal);
        var written = await carol.AnswerApiAsync(bondId, new { question = "what_matters.1", text = "sneaking in" });
        Assert.Equal(HttpStatusCode.NotFound, written.StatusCode);
    }
}
