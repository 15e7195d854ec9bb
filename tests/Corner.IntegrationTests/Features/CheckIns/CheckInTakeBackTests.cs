using System.Net;
using Corner.IntegrationTests.Features.Shared;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.CheckIns;

/// <summary>Issue 14, item 3: the author stops sharing a check-in, or takes back its note; the other person's words stay theirs.</summary>
[Collection(AppCollection.Name)]
public sealed class CheckInTakeBackTests(CornerAppFactory factory)
{
    private const string Note = "takeback-canary the harbour office again";

    private async Task<(TestPerson Ana, TestPerson Ben, Guid BondId, HttpClient AnaClient, HttpClient BenClient, Guid CheckInId)> SharedCheckInAsync()
    {
        var ana = await factory.CreatePersonAsync("Ana");
        var ben = await factory.CreatePersonAsync("Ben");
        var bondId = await factory.CreateBondAsync(ana, ben);
        var (anaClient, benClient) = (await factory.SignedInClientAsync(ana), await factory.SignedInClientAsync(ben));
        var saved = await anaClient.CheckInThroughFormAsync(["sad.lonely"], Note, bondId);
        Assert.True(saved.StatusCode.IsRedirect(), $"check-in answered {(int)saved.StatusCode}");
        // Ben reflects: his words, which must outlive Ana's share.
        var reflected = await benClient.SubmitFormAsync($"/spaces/{bondId}/check-ins",
            [new("feeling", "sad.lonely"), new("words", "ben-canary I'm here tonight")],
            form => (form.GetAttribute("action") ?? "").Contains("handler=Reflect", StringComparison.Ordinal));
        Assert.True(reflected.StatusCode.IsRedirect());
        return (ana, ben, bondId, anaClient, benClient, await factory.MyCheckInIdAsync(ana));
    }

    private static Func<AngleSharp.Html.Dom.IHtmlFormElement, bool> Handler(string name) =>
        form => (form.GetAttribute("action") ?? "").Contains("handler=" + name, StringComparison.Ordinal);

    [Fact]
    public async Task StopSharing_WhenTheAuthorConfirms_LeavesTheOtherPersonsPagesAndApiLive_KeepsTheirReflectionAndIsAuditedWithoutWords()
    {
        var (ana, ben, bondId, anaClient, benClient, checkInId) = await SharedCheckInAsync();
        var page = await anaClient.GetPageAsync($"/spaces/{bondId}/check-ins");
        Assert.Contains("Ben won't see this check-in any more", page.QuerySelector($"#check-in-{checkInId} details.take-back")!.TextContent);
        Assert.Null((await benClient.GetPageAsync($"/spaces/{bondId}/check-ins")).QuerySelector("form[action*='handler=StopSharing']"));
        await using var benLive = await LiveStream.OpenAsync(benClient);

        var response = await anaClient.SubmitFormAsync($"/spaces/{bondId}/check-ins", [], Handler("StopSharing"));

        Assert.True(response.StatusCode.IsRedirect(), $"stop sharing answered {(int)response.StatusCode}");
        Assert.Contains("No longer shared.", await anaClient.GetStringAsync($"/spaces/{bondId}/check-ins"));
        foreach (var url in new[] { $"/spaces/{bondId}/check-ins", $"/spaces/{bondId}", $"/api/v1/spaces/{bondId}/check-ins", $"/spaces/{bondId}/check-ins/trends" })
            Assert.DoesNotContain("takeback-canary", await benClient.GetStringAsync(url));
        // Ana keeps her check-in, now private.
        Assert.Contains("takeback-canary", await anaClient.GetStringAsync("/check-in"));
        // Ben's reflection is his: kept, only no longer shown.
        var reflections = await factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Set<Reflection>()
            .CountAsync(r => r.BondId == bondId && r.AuthorId == ben.Id));
        Assert.Equal(1, reflections);

        var live = await benLive.NextEventAsync();
        Assert.Equal((TakeBack.LiveKind, bondId, checkInId), (live.Kind, live.Bond, live.Item));
        var stored = (await factory.StoredLiveEventsAsync(bondId)).Single(e => e.Kind == TakeBack.LiveKind);
        Assert.Equal(ben.Id, stored.RecipientId);
        Assert.DoesNotContain("canary", stored.Row);
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ana.Id, CheckInTakeBack.CheckInEntry), (audit.PersonId, audit.Detail));
        Assert.DoesNotContain("canary", await factory.AuditTextAsync(bondId));
    }

    [Fact]
    public async Task TakeBackNote_WhenTheAuthorConfirms_TheFeelingsStayShared_TheNoteIsGoneForTheOtherPerson()
    {
        var (ana, _, bondId, anaClient, benClient, checkInId) = await SharedCheckInAsync();

        var response = await anaClient.SubmitFormAsync($"/spaces/{bondId}/check-ins", [], Handler("TakeBackNote"));

        Assert.True(response.StatusCode.IsRedirect(), $"taking back the note answered {(int)response.StatusCode}");
        var history = await benClient.GetPageAsync($"/spaces/{bondId}/check-ins");
        var card = history.QuerySelector($"#check-in-{checkInId}")!;
        Assert.DoesNotContain("takeback-canary", card.TextContent);
        Assert.Contains("lonely", card.TextContent);
        Assert.DoesNotContain("takeback-canary", await benClient.GetStringAsync($"/api/v1/spaces/{bondId}/check-ins"));
        // No note left to take back: the page stops offering it, and a second try is a 404.
        Assert.Null((await anaClient.GetPageAsync($"/spaces/{bondId}/check-ins")).QuerySelector("form[action*='handler=TakeBackNote']"));
        Assert.Equal(HttpStatusCode.NotFound, (await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}/note")).StatusCode);
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ana.Id, CheckInTakeBack.NoteEntry), (audit.PersonId, audit.Detail));
    }

    [Fact]
    public async Task StopSharing_ThroughTheApi_Answers204_AndTheOtherPersonCannotDoIt()
    {
        var (_, _, bondId, anaClient, benClient, checkInId) = await SharedCheckInAsync();
        var token = await benClient.AntiforgeryTokenAsync($"/spaces/{bondId}/check-ins");

        var benPage = await benClient.PostAsync($"/spaces/{bondId}/check-ins?handler=StopSharing", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["checkInId"] = checkInId.ToString() }));
        var benNote = await benClient.DeleteAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}/note");
        var benApi = await benClient.DeleteAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}");

        Assert.Equal(HttpStatusCode.NotFound, benPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, benNote.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, benApi.StatusCode);
        Assert.Equal("application/problem+json", benApi.Content.Headers.ContentType?.MediaType);
        Assert.Contains("takeback-canary", await benClient.GetStringAsync($"/api/v1/spaces/{bondId}/check-ins"));
        Assert.Empty(await factory.TakenBackAuditAsync(bondId));

        var deleted = await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/check-ins/{checkInId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain("takeback-canary", await benClient.GetStringAsync($"/api/v1/spaces/{bondId}/check-ins"));
    }

    [Fact]
    public async Task TakeBackReflection_ByItsWriter_LeavesTheAuthorsPageLive_AndTheAuthorCannotDoIt()
    {
        var (_, ben, bondId, anaClient, benClient, _) = await SharedCheckInAsync();
        var reflectionId = await factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Set<Reflection>()
            .Where(r => r.BondId == bondId).Select(r => r.Id).SingleAsync());
        Assert.Null((await anaClient.GetPageAsync($"/spaces/{bondId}/check-ins")).QuerySelector("form[action*='handler=TakeBackReflection']"));
        var anaApi = await anaClient.DeleteAsync($"/api/v1/spaces/{bondId}/reflections/{reflectionId}");
        Assert.Equal(HttpStatusCode.NotFound, anaApi.StatusCode);
        Assert.Contains("ben-canary", await anaClient.GetStringAsync($"/spaces/{bondId}/check-ins"));
        await using var anaLive = await LiveStream.OpenAsync(anaClient);

        var response = await benClient.SubmitFormAsync($"/spaces/{bondId}/check-ins", [], Handler("TakeBackReflection"));

        Assert.True(response.StatusCode.IsRedirect(), $"taking back the reflection answered {(int)response.StatusCode}");
        Assert.DoesNotContain("ben-canary", await anaClient.GetStringAsync($"/spaces/{bondId}/check-ins"));
        Assert.DoesNotContain("ben-canary", await anaClient.GetStringAsync($"/api/v1/spaces/{bondId}/check-ins"));
        // Ben may reflect afresh.
        Assert.NotNull((await benClient.GetPageAsync($"/spaces/{bondId}/check-ins")).QuerySelector("form[action*='handler=Reflect']"));
        var live = await anaLive.NextEventAsync();
        Assert.Equal((TakeBack.LiveKind, reflectionId), (live.Kind, live.Item));
        var audit = Assert.Single(await factory.TakenBackAuditAsync(bondId));
        Assert.Equal((ben.Id, CheckInTakeBack.ReflectionEntry), (audit.PersonId, audit.Detail));
        Assert.DoesNotContain("canary", await factory.AuditTextAsync(bondId));
    }
}
