using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Bonds;

namespace Corner.IntegrationTests.Features.Bonds;

[Collection(AppCollection.Name)]
public sealed class SpacesApiTests(CornerAppFactory factory)
{
    [Fact]
    public async Task SpacesApi_FromCreateToJoin_WorksAndNeverShowsTheOtherPersonsId()
    {
        var alex = await factory.CreatePersonAsync("Alex Api");
        var sam = await factory.CreatePersonAsync("Sam Api");
        var alexClient = await factory.SignedInClientAsync(alex);
        var samClient = await factory.SignedInClientAsync(sam);

        var created = await alexClient.PostAsJsonAsync("/api/v1/spaces", new { kind = "Siblings", name = "Api nest" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var space = (await created.Content.ReadFromJsonAsync<BondsApi.BondDto>())!;
        var invited = await alexClient.PostAsync($"/api/v1/spaces/{space.Id}/invitations", null);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var link = (await invited.Content.ReadFromJsonAsync<BondsApi.InvitationCreatedDto>())!.Link;
        var token = link[(link.LastIndexOf('/') + 1)..];

        var listed = await alexClient.GetStringAsync($"/api/v1/spaces/{space.Id}/invitations");
        var joined = await samClient.PostAsJsonAsync("/api/v1/invitations/redeem", new { token });
        var samView = await joined.Content.ReadAsStringAsync();
        var alexView = await alexClient.GetStringAsync($"/api/v1/spaces/{space.Id}");

        Assert.DoesNotContain(token, listed, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Open\"", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        Assert.Contains("Alex Api", samView, StringComparison.Ordinal);
        Assert.Contains("Sam Api", alexView, StringComparison.Ordinal);
        Assert.DoesNotContain(alex.Id.ToString(), samView, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(sam.Id.ToString(), alexView, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(sam.Id.ToString(), await alexClient.GetStringAsync($"/api/v1/spaces/{space.Id}/invitations"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task CreateSpace_WithTheSameIdempotencyKeyTwice_ReturnsTheSameSpace()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Send(string name)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/spaces") { Content = JsonContent.Create(new { kind = "Friends", name }) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var first = await Send("Once");
        var second = await Send("Once");

        var a = (await first.Content.ReadFromJsonAsync<BondsApi.BondDto>())!;
        var b = (await second.Content.ReadFromJsonAsync<BondsApi.BondDto>())!;
        Assert.Equal(a.Id, b.Id);
        Assert.Equal(Guid.Parse(key), a.Id);
        Assert.Single(await Spaces.ApiListAsync(client));
    }

    [Fact]
    public async Task CreateSpace_WithBadInput_AnswersBadRequestNeverAServerError()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var invalid = await client.PostAsJsonAsync("/api/v1/spaces", new { kind = "Enemies", name = new string('n', 81) });
        var problem = JsonDocument.Parse(await invalid.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        using var badKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/spaces") { Content = JsonContent.Create(new { kind = "Friends", name = "x" }) };
        badKey.Headers.TryAddWithoutValidation("Idempotency-Key", "not-a-guid");
        var malformed = await client.PostAsync("/api/v1/spaces", new StringContent("{\"kind\":", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await client.PostAsync("/api/v1/spaces", new StringContent("{\"kind\":5,\"name\":[]}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(problem.TryGetProperty("kind", out _));
        Assert.True(problem.TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(badKey)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Empty(await Spaces.ApiListAsync(client));
    }

    [Fact]
    public async Task RevokeInvitation_ThroughTheApi_StopsTheLinkWorking()
    {
        var alex = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(alex);
        var bondId = await Spaces.CreateDirectAsync(factory, alex.Id, "Revocable");
        var invitation = await Spaces.IssueAsync(factory, alex.Id, bondId);

        var revoked = await client.PostAsync($"/api/v1/spaces/{bondId}/invitations/{invitation.Id}/revoke", null);
        var joiner = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var redeemed = await joiner.PostAsJsonAsync("/api/v1/invitations/redeem", new { token = invitation.Token });

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, redeemed.StatusCode);
        Assert.Contains("isn't valid", (await redeemed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Revoked\"", await client.GetStringAsync($"/api/v1/spaces/{bondId}/invitations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateInvitation_WhenBothAreAlreadyIn_AnswersConflict()
    {
        var (_, creatorClient, _, _, bondId, _) = await Spaces.SharedAsync(factory);

        var response = await creatorClient.PostAsync($"/api/v1/spaces/{bondId}/invitations", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
