using System.Net;
using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Bonds;

/// <summary>Attacker/victim: nothing of a space reaches anyone who is not a current member.</summary>
[Collection(AppCollection.Name)]
public sealed class SpaceIsolationTests(CornerAppFactory factory)
{
    [Fact]
    public async Task EverySpaceRoute_WhenAskedByAnOutsider_AnswersNotFoundWithoutTheName()
    {
        var (victim, victimClient, _, _, bondId, name) = await Spaces.SharedAsync(factory);
        var invitationId = (await factory.InScopeAsync(victim.Id, sp =>
            sp.GetRequiredService<Corner.Web.Features.Bonds.InvitationIssuer>().ListAsync(victim.Id, bondId)))!.Single().Id;
        var outsider = await factory.SignedInClientAsync(await factory.CreatePersonAsync("Outsider"));

        await AssertAllHiddenAsync(outsider, bondId, invitationId, name);
    }

    [Fact]
    public async Task EverySpaceRoute_WhenAskedBySomeoneWhoLeft_AnswersNotFoundWithoutTheName()
    {
        var (creator, _, _, joinerClient, bondId, name) = await Spaces.SharedAsync(factory);
        var invitationId = (await factory.InScopeAsync(creator.Id, sp =>
            sp.GetRequiredService<Corner.Web.Features.Bonds.InvitationIssuer>().ListAsync(creator.Id, bondId)))!.Single().Id;
        Assert.Equal(HttpStatusCode.NoContent, (await joinerClient.PostAsync($"/api/v1/spaces/{bondId}/leave", null)).StatusCode);

        await AssertAllHiddenAsync(joinerClient, bondId, invitationId, name);
    }

    [Fact]
    public async Task SpacePages_WhenAnonymous_SendToSignInAndShowNothing()
    {
        var (_, _, _, _, bondId, name) = await Spaces.SharedAsync(factory);
        var anonymous = factory.NewClient();

        foreach (var url in new[] { $"/spaces/{bondId}", $"/spaces/{bondId}/invite", $"/spaces/{bondId}/leave", "/spaces/new" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.True(response.StatusCode.IsRedirect(), url);
            Assert.DoesNotContain(name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/spaces/{bondId}")).StatusCode);
    }

    private async Task AssertAllHiddenAsync(HttpClient client, Guid bondId, Guid invitationId, string name)
    {
        var antiforgery = await client.AntiforgeryTokenAsync("/spaces/new");
        FormUrlEncodedContent Form(params (string, string)[] fields) =>
            new([new("__RequestVerificationToken", antiforgery), .. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);

        var requests = new List<(string What, Func<Task<HttpResponseMessage>> Send)>
        {
            ("page home", () => client.GetAsync($"/spaces/{bondId}")),
            ("page invite", () => client.GetAsync($"/spaces/{bondId}/invite")),
            ("page leave", () => client.GetAsync($"/spaces/{bondId}/leave")),
            ("post invite", () => client.PostAsync($"/spaces/{bondId}/invite?handler=Create", Form())),
            ("post revoke", () => client.PostAsync($"/spaces/{bondId}/invite?handler=Revoke", Form(("invitationId", invitationId.ToString())))),
            ("post leave", () => client.PostAsync($"/spaces/{bondId}/leave", Form())),
            ("api get", () => client.GetAsync($"/api/v1/spaces/{bondId}")),
            ("api invitations", () => client.GetAsync($"/api/v1/spaces/{bondId}/invitations")),
            ("api invite", () => client.PostAsync($"/api/v1/spaces/{bondId}/invitations", null)),
            ("api revoke", () => client.PostAsync($"/api/v1/spaces/{bondId}/invitations/{invitationId}/revoke", null)),
            ("api leave", () => client.PostAsync($"/api/v1/spaces/{bondId}/leave", null)),
        };
        foreach (var (what, send) in requests)
        {
            var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what} answered {(int)response.StatusCode}");
            Assert.DoesNotContain(name, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var list = await client.GetAsync("/api/v1/spaces");
        Assert.DoesNotContain(name, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain(await Spaces.ApiListAsync(client), b => b.Id == bondId);
    }
}
