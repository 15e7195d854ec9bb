using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Features.Shared;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Shared;
using Microsoft.Extensions.DependencyInjection;
using static Corner.IntegrationTests.Features.Shared.TakeBackTestKit;

namespace Corner.IntegrationTests.Features.Moments;

/// <summary>Issue 14, item 3: the one who wrote a moment, a missed moment or an ask takes it back.</summary>
[Collection(AppCollection.Name)]
public sealed class MomentTakeBackTests(CornerAppFactory factory)
{
    private async Task<(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient)> CoupleAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateBondAsync(ana, ben);
        return (ana, ben, bondId, await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
    }

    [Fact]
    public async Task TakeBackMoment_WhenTheSupporterConfirmsOnItsPage_LeavesTheOtherPersonsPagesLiveAndIsAuditedWithoutWords()
    {
        var (_, ben, bondId, anaClient, benClient) = await CoupleAsync();
        var keep = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), situation = "keep-canary the bus stop", action = "I gave you my scarf" }));
        var id = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), situation = "takeback-canary dinner with your sister", action = "I took your side" }));
        Assert.True((await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments/{id}/answer",
            new { answer = "yes", more = "answer-canary thank you" })).IsSuccessStatusCode);
        Assert.Contains("takeback-canary", await anaClient.GetStringAsync($"/spaces/{bondId}/moments"));
        await using var anaLive = await LiveStream.OpenAsync(anaClient);

        // Only the supporter is offered it, and it says what goes with it.
        var offered = (await benClient.GetPageAsync($"/spaces/{bondId}/moments/{id}")).QuerySelector("details.take-back")!;
        Assert.Contains("Ana won't see this moment any more", offered.TextContent);
        Assert.Null((await anaClient.GetPageAsync($"/spaces/{bondId}/moments/{id}")).QuerySelector("details.take-back"));
        var response = await benClient.SubmitFormAsync($"/spaces/{bondId}/moments/{id}", [],
            f => (f.GetAttribute("action") ?? "").Contains("handler=TakeBack", StringComparison.Ordinal));

        Assert.True(response.StatusCode.IsRedirect(), $"taking back answered {(int)response.StatusCode}");
        Assert.Equal($"/spaces/{bondId}/moments", response.Headers.Location!.OriginalString);
        var timeline = await benClient.GetStringAsync($"/spaces/{bondId}/moments");
        Assert.Contains("Taken back.", timeline);
        Assert.DoesNotContain("takeback-canary", timeline);
        foreach (var url in new[] { $"/spaces/{bondId}/moments", $"/spaces/{bondId}", $"/api/v1/spaces/{bondId}/moments" })
        {
            var seen = await anaClient.GetStringAsync(url);
            Assert.DoesNotContain("takeback-canary", seen);
            Assert.DoesNotContain("answer-canary", seen);
        }
        Assert.Contains("keep-canary", await anaClient.GetStringAsync($"/spaces/{bondId}/moments"));
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.GetAsync($"/spaces/{bondId}/moments/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.GetAsync($"/api/v1/spaces/{bondId}/moments/{id}")).StatusCode);
        Assert.Equal(1L, await CountAsync("moments", bondId));

        var live = await anaLive.NextEventAsync();
        Assert.Equal((TakeBack.LiveKind, bondId, id), (live.Kind, live.Bond, live.Item));
        Assert.DoesNotContain("canary", live.Json);
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ben.Id, "moment"), (audit.PersonId, audit.Detail));
        Assert.DoesNotContain("canary", await factory.AuditTextAsync(bondId));
        Assert.NotEqual(keep, id);
    }

    [Fact]
    public async Task TakeBack_ByTheOtherPerson_Is404OnThePagesAndTheApiAndNothingGoes()
    {
        var (_, _, bondId, anaClient, benClient) = await CoupleAsync();
        var moment = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), situation = "stays-canary the party", action = "I stayed close" }));
        var missed = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/missed-moments",
            new { submissionId = Guid.NewGuid(), side = "should_have", what = "stays-canary I left early" }));
        var ask = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/asks",
            new { submissionId = Guid.NewGuid(), date = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd"), situation = "stays-canary the interview" }));
        var token = await anaClient.AntiforgeryTokenAsync($"/spaces/{bondId}/moments");

        var posts = new[]
        {
            ($"/spaces/{bondId}/moments/{moment}?handler=TakeBack", "momentId", moment),
            ($"/spaces/{bondId}/missed/{missed}?handler=TakeBack", "missedId", missed),
            ($"/spaces/{bondId}/moments?handler=TakeBackAsk", "askId", ask),
        };
        foreach (var (url, field, id) in posts)
        {
            var page = await anaClient.PostAsync(url, new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [field] = id.ToString() }));
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        }
        foreach (var url in new[] { $"moments/{moment}", $"missed-moments/{missed}", $"asks/{ask}", $"moments/{Guid.NewGuid()}" })
        {
            var api = await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/{url}");
            Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal((1L, 1L, 1L), (await CountAsync("moments", bondId), await CountAsync("missed_moments", bondId), await CountAsync("backing_asks", bondId)));
        Assert.Empty(await factory.TakenBackAuditAsync(bondId));
        Assert.Null((await anaClient.GetPageAsync($"/spaces/{bondId}/missed/{missed}")).QuerySelector("details.take-back"));
        Assert.Null((await anaClient.GetPageAsync($"/spaces/{bondId}/moments")).QuerySelector("details.take-back"));
    }

    [Fact]
    public async Task TakeBackMissed_ByItsWriterOnThePage_TakesTheResponseWithItAndSaysSo()
    {
        var (ana, ben, bondId, anaClient, benClient) = await CoupleAsync();
        var missed = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/missed-moments",
            new { submissionId = Guid.NewGuid(), side = "should_have", what = "missed-canary at the party I left you alone" }));
        Assert.True((await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/missed-moments/{missed}/response",
            new { words = "response-canary thank you for saying it" })).IsSuccessStatusCode);

        var offered = (await benClient.GetPageAsync($"/spaces/{bondId}/missed/{missed}")).QuerySelector("details.take-back")!;
        Assert.Contains("their response to it goes with it", offered.TextContent);
        var response = await benClient.SubmitFormAsync($"/spaces/{bondId}/missed/{missed}", [],
            f => (f.GetAttribute("action") ?? "").Contains("handler=TakeBack", StringComparison.Ordinal));

        Assert.True(response.StatusCode.IsRedirect(), $"taking back answered {(int)response.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.GetAsync($"/spaces/{bondId}/missed/{missed}")).StatusCode);
        var timeline = await anaClient.GetStringAsync($"/spaces/{bondId}/moments");
        Assert.DoesNotContain("missed-canary", timeline);
        Assert.DoesNotContain("response-canary", timeline);
        Assert.Equal(0L, await CountAsync("missed_moments", bondId));
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ben.Id, "missed_moment"), (audit.PersonId, audit.Detail));
        Assert.NotEqual(ana.Id, ben.Id);
    }

    [Fact]
    public async Task TakeBackAsk_ThroughTheApi_KeepsTheMomentRecordedForItAsTheSupportersOwn()
    {
        var (ana, _, bondId, anaClient, benClient) = await CoupleAsync();
        var today = await factory.InScopeAsync(ana.Id, sp => sp.GetRequiredService<PersonalDay>().TodayAsync(ana.Id));
        var ask = await CreatedAsync(await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/asks",
            new { submissionId = Guid.NewGuid(), date = today.ToString("yyyy-MM-dd"), situation = "ask-canary dinner at Mum's", help = "Sit by me" }));
        var moment = await CreatedAsync(await benClient.PostAsJsonAsync($"/api/v1/spaces/{bondId}/moments",
            new { submissionId = Guid.NewGuid(), askId = ask, situation = "Dinner at your mother and father", action = "I sat by you" }));
        Assert.Contains("ask-canary", await benClient.GetStringAsync($"/spaces/{bondId}/moments"));

        var deleted = await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/asks/{ask}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await benClient.GetAsync($"/api/v1/spaces/{bondId}/asks/{ask}")).StatusCode);
        Assert.DoesNotContain("ask-canary", await benClient.GetStringAsync($"/spaces/{bondId}"));
        Assert.DoesNotContain("ask-canary", await benClient.GetStringAsync($"/spaces/{bondId}/moments"));
        var kept = await benClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/moments/{moment}");
        Assert.Equal("Dinner at your mother and father", kept.GetProperty("situation").GetString());
        Assert.Contains("Dinner at your mother and father", await benClient.GetStringAsync($"/spaces/{bondId}/moments/{moment}"));
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/asks/{ask}")).StatusCode);
        Assert.Equal("backing_ask", Assert.Single(await factory.TakenBackAuditAsync(bondId)).Detail);
    }
}
