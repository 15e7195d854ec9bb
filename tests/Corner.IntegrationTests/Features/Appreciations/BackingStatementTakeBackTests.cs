using System.Net;
using Corner.IntegrationTests.Features.Shared;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Appreciations;
using Corner.Web.Features.Shared;
using static Corner.IntegrationTests.Features.Appreciations.AppreciationsTestKit;

namespace Corner.IntegrationTests.Features.Appreciations;

/// <summary>Issue 14, item 3: the writer of a "you have my back when you …" statement takes it back.</summary>
[Collection(AppCollection.Name)]
public sealed class BackingStatementTakeBackTests(CornerAppFactory factory)
{
    [Fact]
    public async Task TakeBack_WhenTheWriterConfirms_LeavesTheOtherPersonsPagesLive_AndTheOtherCannotDoIt()
    {
        var (ana, ben, bondId, anaClient, benClient) = await factory.CoupleAsync();
        await anaClient.AddStatementThroughFormAsync(bondId, "takeback-canary sit with me when I'm low");
        var statement = Assert.Single(await factory.StatementRowsAsync(bondId));
        Assert.Contains("takeback-canary", await benClient.GetStringAsync($"/spaces/{bondId}/backing"));
        var benApi = await benClient.DeleteAsync($"/api/v1/spaces/{bondId}/backing/{statement.Id}");
        Assert.Equal(HttpStatusCode.NotFound, benApi.StatusCode);
        Assert.Equal("application/problem+json", benApi.Content.Headers.ContentType?.MediaType);
        Assert.Single(await factory.StatementRowsAsync(bondId));
        await using var benLive = await LiveStream.OpenAsync(benClient);

        var response = await anaClient.SubmitFormAsync($"/spaces/{bondId}/backing", [], HandlerForm("TakeBack", statement.Id));

        Assert.True(response.StatusCode.IsRedirect(), $"taking back answered {(int)response.StatusCode}");
        Assert.Empty(await factory.StatementRowsAsync(bondId));
        Assert.DoesNotContain("takeback-canary", await benClient.GetStringAsync($"/spaces/{bondId}/backing"));
        Assert.DoesNotContain("takeback-canary", await benClient.GetStringAsync($"/api/v1/spaces/{bondId}/backing"));
        Assert.DoesNotContain("takeback-canary", await benClient.GetStringAsync($"/spaces/{bondId}"));
        var live = await benLive.NextEventAsync();
        Assert.Equal((TakeBack.LiveKind, statement.Id), (live.Kind, live.Item));
        Assert.DoesNotContain("canary", (await factory.StoredLiveEventsAsync(bondId)).Single(e => e.Kind == TakeBack.LiveKind).Row);
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ana.Id, BackingStatementWriter.Entry), (audit.PersonId, audit.Detail));
        Assert.DoesNotContain("canary", await factory.AuditTextAsync(bondId));
        // Through the API a second time: gone is gone.
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/backing/{statement.Id}")).StatusCode);
        _ = ben;
    }
}
