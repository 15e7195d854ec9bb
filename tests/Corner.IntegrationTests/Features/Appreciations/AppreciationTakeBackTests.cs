using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Features.Shared;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Shared;
using static Corner.IntegrationTests.Features.Appreciations.AppreciationsTestKit;

namespace Corner.IntegrationTests.Features.Appreciations;

/// <summary>Issue 14, item 3: the author of an appreciation takes it back; it leaves the other person's pages.</summary>
[Collection(AppCollection.Name)]
public sealed class AppreciationTakeBackTests(CornerAppFactory factory)
{
    [Fact]
    public async Task TakeBack_WhenTheAuthorConfirmsOnTheSentPage_LeavesTheOtherPersonsPagesAndApiLiveAndIsAuditedWithoutWords()
    {
        var (ana, ben, bondId, anaClient, benClient) = await factory.CoupleAsync();
        const string words = "takeback-canary how you waited for me at the station";
        await anaClient.SendAppreciationThroughFormAsync(bondId, "keep-canary the soup you made on Sunday");
        await anaClient.SendAppreciationThroughFormAsync(bondId, words);
        Assert.Contains(words, await benClient.GetStringAsync($"/spaces/{bondId}/appreciations"));
        var id = await SentIdAsync(anaClient, bondId, words);
        await using var benLive = await LiveStream.OpenAsync(benClient);

        // The confirmation is a second button inside the note's <details>: a plain form post, no JavaScript.
        var sent = await anaClient.GetPageAsync($"/spaces/{bondId}/appreciations/sent");
        var note = sent.QuerySelector($"#appreciation-{id}")!;
        Assert.Contains("Take back", note.QuerySelector("details.take-back summary")!.TextContent);
        Assert.Contains("Ben won't see this any more. This can't be undone.", note.QuerySelector("details.take-back")!.TextContent);
        var response = await anaClient.SubmitFormAsync($"/spaces/{bondId}/appreciations/sent", [],
            f => f.QuerySelector($"input[name=appreciationId][value='{id}']") is not null);

        Assert.True(response.StatusCode.IsRedirect(), $"taking back answered {(int)response.StatusCode}");
        var after = await anaClient.GetStringAsync($"/spaces/{bondId}/appreciations/sent");
        Assert.Contains("Taken back.", after);
        Assert.DoesNotContain(words, after);
        var received = await benClient.GetStringAsync($"/spaces/{bondId}/appreciations");
        Assert.DoesNotContain(words, received);
        Assert.Contains("keep-canary", received);
        Assert.DoesNotContain(words, await benClient.GetStringAsync($"/spaces/{bondId}"));
        Assert.DoesNotContain(words, await benClient.GetStringAsync($"/api/v1/spaces/{bondId}/appreciations"));
        Assert.Equal(1, await factory.AppreciationCountAsync(bondId));

        var live = await benLive.NextEventAsync();
        Assert.Equal((TakeBack.LiveKind, bondId, id), (live.Kind, live.Bond, live.Item));
        Assert.DoesNotContain("canary", live.Json);
        var stored = (await factory.StoredLiveEventsAsync(bondId)).Single(e => e.Kind == TakeBack.LiveKind);
        Assert.Equal((ben.Id, id), (stored.RecipientId, stored.ItemId));
        Assert.DoesNotContain("canary", stored.Row);

        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ana.Id, "appreciation"), (audit.PersonId, audit.Detail));
        Assert.DoesNotContain("canary", await factory.AuditTextAsync(bondId));
    }

    [Fact]
    public async Task TakeBack_ThroughTheApi_Answers204ThenTheOtherPersonNoLongerSeesIt()
    {
        var (_, _, bondId, anaClient, benClient) = await factory.CoupleAsync();
        await anaClient.SendAppreciationThroughFormAsync(bondId, "api-canary your laugh");
        var id = await SentIdAsync(anaClient, bondId, "api-canary your laugh");

        var deleted = await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/appreciations/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var list = await benClient.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/appreciations");
        Assert.Empty(list.GetProperty("items").EnumerateArray());
        // Gone is gone: a second try finds nothing.
        var again = await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/appreciations/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TakeBack_ByTheRecipient_Is404OnThePageAndTheApiAndTheNoteStays()
    {
        var (_, _, bondId, anaClient, benClient) = await factory.CoupleAsync();
        await anaClient.SendAppreciationThroughFormAsync(bondId, "stays-canary the way you listen");
        var id = await SentIdAsync(anaClient, bondId, "stays-canary the way you listen");
        // Ben's own sent page has no note of Ana's, so he posts the form by hand with her note's id.
        var token = await benClient.AntiforgeryTokenAsync($"/spaces/{bondId}/appreciations/sent");

        var page = await benClient.PostAsync($"/spaces/{bondId}/appreciations/sent?handler=TakeBack", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["appreciationId"] = id.ToString() }));
        var api = await benClient.DeleteAsync($"/api/v1/spaces/{bondId}/appreciations/{id}");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await factory.AppreciationCountAsync(bondId));
        Assert.Contains("stays-canary", await benClient.GetStringAsync($"/spaces/{bondId}/appreciations"));
        Assert.Empty(await factory.TakenBackAuditAsync(bondId));
        // Ben's received notes offer no "Take back".
        Assert.Null((await benClient.GetPageAsync($"/spaces/{bondId}/appreciations")).QuerySelector("details.take-back"));
    }

    private static async Task<Guid> SentIdAsync(HttpClient author, Guid bondId, string words)
    {
        var sent = await author.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/appreciations/sent");
        return sent.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("words").GetString() == words).GetProperty("id").GetGuid();
    }
}
