using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Bonds;

/// <summary>Steps the spaces tests share, done the way a person would (through the pages).</summary>
internal static partial class Spaces
{
    public static async Task<Guid> CreateAsync(HttpClient client, string name, string kind = "Partners")
    {
        var response = await client.SubmitFormAsync("/spaces/new", new Dictionary<string, string> { ["Kind"] = kind, ["Name"] = name }, formAction: "/spaces/new");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return BondIdIn(response.Headers.Location!.OriginalString);
    }

    public static Guid BondIdIn(string location)
    {
        var match = SpaceUrl().Match(location);
        Assert.True(match.Success, $"Expected a space's address, got {location}");
        return Guid.Parse(match.Groups[1].Value);
    }

    /// <summary>Makes an invitation on the invite page and returns the token from the link shown once.</summary>
    public static async Task<string> InviteAsync(HttpClient client, Guid bondId)
    {
        var response = await client.SubmitFormAsync($"/spaces/{bondId}/invite", new Dictionary<string, string>(),
            formAction: $"/spaces/{bondId}/invite?handler=Create");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Html.Parse(await response.Content.ReadAsStringAsync());
        var link = (document.QuerySelector("#invite-link") as IHtmlInputElement)?.Value
            ?? throw new InvalidOperationException("No invitation link on the page");
        Assert.StartsWith("https://localhost/join/", link, StringComparison.Ordinal);
        return link["https://localhost/join/".Length..];
    }

    /// <summary>POSTs the join form directly (the GET of a used or expired link is not a 200 page).</summary>
    public static async Task<HttpResponseMessage> JoinAsync(HttpClient client, string token)
    {
        var antiforgery = await client.AntiforgeryTokenAsync("/spaces/new");
        return await client.PostAsync("/join/" + Uri.EscapeDataString(token),
            new FormUrlEncodedContent([new("__RequestVerificationToken", antiforgery)]));
    }

    /// <summary>Two people sharing a space: the creator made it, the joiner redeemed the link.</summary>
    public static async Task<(TestPerson Creator, HttpClient CreatorClient, TestPerson Joiner, HttpClient JoinerClient, Guid BondId, string Name)>
        SharedAsync(CornerAppFactory factory)
    {
        var creator = await factory.CreatePersonAsync("Alex " + Unique());
        var joiner = await factory.CreatePersonAsync("Sam " + Unique());
        var creatorClient = await factory.SignedInClientAsync(creator);
        var joinerClient = await factory.SignedInClientAsync(joiner);
        var name = "Harbour " + Unique();
        var bondId = await CreateAsync(creatorClient, name);
        var token = await InviteAsync(creatorClient, bondId);
        var joined = await JoinAsync(joinerClient, token);
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
        Assert.Equal($"/spaces/{bondId}", joined.Headers.Location!.OriginalString);
        return (creator, creatorClient, joiner, joinerClient, bondId, name);
    }

    public static Task<IssuedInvitation> IssueAsync(CornerAppFactory factory, Guid personId, Guid bondId) =>
        factory.InScopeAsync(personId, async sp =>
        {
            var (invitation, error) = await sp.GetRequiredService<InvitationIssuer>().CreateAsync(personId, bondId);
            return invitation ?? throw new InvalidOperationException($"No invitation: {error}");
        });

    public static Task<Guid> CreateDirectAsync(CornerAppFactory factory, Guid personId, string name) =>
        factory.InScopeAsync(personId, async sp =>
            await sp.GetRequiredService<BondCreator>().CreateAsync(personId, Guid.NewGuid(), "Friends", name) is BondCreation.Created created
                ? created.Bond.Id
                : throw new InvalidOperationException("Not created"));

    public static Task<int> MemberCountAsync(CornerAppFactory factory, Guid bondId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().BondMembers.CountAsync(m => m.BondId == bondId));

    public static async Task<List<BondsApi.BondDto>> ApiListAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<BondsApi.BondDto>>("/api/v1/spaces"))!;

    /// <summary>The page's text as a person reads it (entities decoded).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) =>
        Html.Parse(await response.Content.ReadAsStringAsync()).Body?.TextContent ?? "";

    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    [GeneratedRegex(@"^/spaces/([0-9a-f-]{36})(/invite)?$")]
    private static partial Regex SpaceUrl();
}
