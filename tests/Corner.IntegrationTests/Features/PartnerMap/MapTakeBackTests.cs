using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Features.Shared;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Shared;
using static Corner.IntegrationTests.Features.Shared.TakeBackTestKit;

namespace Corner.IntegrationTests.Features.PartnerMap;

/// <summary>Issue 14, item 3: in the partner map, the writer takes back their answer or their guess.</summary>
[Collection(AppCollection.Name)]
public sealed class MapTakeBackTests(CornerAppFactory factory)
{
    private const string Question = "what_matters.1";

    private async Task<(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient)> CoupleAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateBondAsync(ana, ben);
        var (anaClient, benClient) = (await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
        foreach (var client in new[] { anaClient, benClient })
            Assert.True((await client.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/trust", new { })).IsSuccessStatusCode);
        return (ana, ben, bondId, anaClient, benClient);
    }

    [Fact]
    public async Task TakeBackAnswer_WhenTheWriterConfirmsOnTheQuestion_IsGoneForTheOtherLiveAndAuditedWithoutWords()
    {
        var (ana, _, bondId, anaClient, benClient) = await CoupleAsync();
        var id = await CreatedAsync(await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/answers",
            new { question = Question, text = "answer-canary being listened to", shared = true }));
        var page = $"/spaces/{bondId}/map/question?q={Question}";
        Assert.Contains("answer-canary", await benClient.GetStringAsync(page));
        await using var benLive = await LiveStream.OpenAsync(benClient);

        // Offered to the writer only, and it says who stops seeing it.
        var offered = (await anaClient.GetPageAsync(page)).QuerySelector("#mine details.take-back")!;
        Assert.Contains("Ben won't see your answer any more", offered.TextContent);
        Assert.Null((await benClient.GetPageAsync(page)).QuerySelector("#their-answer details.take-back"));
        var response = await anaClient.SubmitFormAsync(page, [],
            f => (f.GetAttribute("action") ?? "").Contains("handler=TakeBackAnswer", StringComparison.Ordinal));

        Assert.True(response.StatusCode.IsRedirect(), $"taking back answered {(int)response.StatusCode}");
        Assert.Equal($"/spaces/{bondId}/map/question?q={Question}#mine", response.Headers.Location!.OriginalString);
        var mine = await anaClient.GetPageAsync(page);
        Assert.Contains("Taken back.", mine.Body!.TextContent);
        Assert.Equal("", mine.QuerySelector("#answer")!.TextContent);
        foreach (var url in new[] { page, $"/spaces/{bondId}/map", $"/api/v1/spaces/{bondId}/map" })
            Assert.DoesNotContain("answer-canary", await benClient.GetStringAsync(url));
        Assert.Equal(0L, await CountAsync("map_self_answers", bondId));

        var live = await benLive.NextEventAsync();
        Assert.Equal((TakeBack.LiveKind, bondId, id), (live.Kind, live.Bond, live.Item));
        Assert.DoesNotContain("canary", live.Json);
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ana.Id, "map_answer"), (audit.PersonId, audit.Detail));
        Assert.DoesNotContain("canary", await factory.AuditTextAsync(bondId));

        // Taken back twice: it is already gone.
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/map/answers/{id}")).StatusCode);
    }

    [Fact]
    public async Task TakeBackGuess_ThroughTheApi_TakesTheOthersMarkWithItAndLeavesTheirAnswer()
    {
        var (_, ben, bondId, anaClient, benClient) = await CoupleAsync();
        await CreatedAsync(await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/answers",
            new { question = Question, text = "stays-canary a slow morning", shared = true }));
        var guess = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses",
            new { question = Question, text = "guess-canary a loud party" }));
        Assert.Equal(HttpStatusCode.NoContent, (await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses/{guess}/compare",
            new { mark = "not_quite", note = "note-canary quieter than that" })).StatusCode);
        Assert.NotNull((await benClient.GetPageAsync($"/spaces/{bondId}/map/question?q={Question}")).QuerySelector("#my-guess details.take-back"));

        var response = await benClient.DeleteAsync($"/api/v1/spaces/{bondId}/map/guesses/{guess}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var anaSees = await anaClient.GetStringAsync($"/spaces/{bondId}/map/question?q={Question}");
        Assert.DoesNotContain("guess-canary", anaSees);
        Assert.DoesNotContain("note-canary", anaSees);
        Assert.Contains("stays-canary", anaSees);
        Assert.Equal((0L, 1L), (await CountAsync("map_guesses", bondId), await CountAsync("map_self_answers", bondId)));
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ben.Id, "map_guess"), (audit.PersonId, audit.Detail));
    }

    [Fact]
    public async Task TakeBack_ByTheOtherPerson_Is404OnThePageAndTheApiAndNothingGoes()
    {
        var (_, _, bondId, anaClient, benClient) = await CoupleAsync();
        var answer = await CreatedAsync(await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/answers",
            new { question = Question, text = "stays-canary the garden", shared = true }));
        var guess = await CreatedAsync(await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/map/guesses",
            new { question = Question, text = "stays-canary a long walk" }));
        var page = $"/spaces/{bondId}/map/question?q={Question}";
        var token = await benClient.AntiforgeryTokenAsync(page);

        foreach (var (handler, field, id) in new[] { ("TakeBackAnswer", "answerId", answer), ("TakeBackGuess", "guessId", guess) })
        {
            var post = await benClient.PostAsync($"{page}&handler={handler}", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [field] = id.ToString() }));
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
        foreach (var url in new[] { $"answers/{answer}", $"guesses/{guess}", $"answers/{Guid.NewGuid()}" })
        {
            var api = await benClient.DeleteAsync($"/api/v1/spaces/{bondId}/map/{url}");
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal((1L, 1L), (await CountAsync("map_self_answers", bondId), await CountAsync("map_guesses", bondId)));
        Assert.Empty(await factory.TakenBackAuditAsync(bondId));
        Assert.Null((await benClient.GetPageAsync(page)).QuerySelector("details.take-back"));
    }
}
