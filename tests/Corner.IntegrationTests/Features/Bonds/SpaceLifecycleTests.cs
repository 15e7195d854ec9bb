using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Bonds;

[Collection(AppCollection.Name)]
public sealed class SpaceLifecycleTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Join_WhenSecondPersonRedeemsTheLink_BothSeeTheSpaceWithBothNames()
    {
        var (creator, creatorClient, joiner, joinerClient, bondId, name) = await Spaces.SharedAsync(factory);

        var creatorView = await creatorClient.GetStringAsync($"/spaces/{bondId}");
        var joinerView = await joinerClient.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains($"You and {joiner.DisplayName}", creatorView, StringComparison.Ordinal);
        Assert.Contains($"You and {creator.DisplayName}", joinerView, StringComparison.Ordinal);
        Assert.Contains(name, joinerView, StringComparison.Ordinal);
        Assert.Contains($"{joiner.DisplayName} joined.", creatorView, StringComparison.Ordinal);
        Assert.Contains(name, await joinerClient.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(2, await Spaces.MemberCountAsync(factory, bondId));
    }

    [Fact]
    public async Task Join_WhenThirdPersonUsesTheSameLink_FailsClearlyAndDoesNotJoin()
    {
        var creator = await factory.CreatePersonAsync("Alex");
        var creatorClient = await factory.SignedInClientAsync(creator);
        var bondId = await Spaces.CreateAsync(creatorClient, "Lighthouse " + Spaces.Unique());
        var token = await Spaces.InviteAsync(creatorClient, bondId);
        var second = await factory.SignedInClientAsync(await factory.CreatePersonAsync("Sam"));
        Assert.Equal(HttpStatusCode.Redirect, (await Spaces.JoinAsync(second, token)).StatusCode);

        var thirdClient = await factory.SignedInClientAsync(await factory.CreatePersonAsync("Kit"));
        var response = await Spaces.JoinAsync(thirdClient, token);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("already been used", await Spaces.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await thirdClient.GetAsync($"/spaces/{bondId}")).StatusCode);
        Assert.Equal(2, await Spaces.MemberCountAsync(factory, bondId));
    }

    [Fact]
    public async Task Join_WhenTheLinkExpired_FailsWithTheExpiredMessage()
    {
        var creator = await factory.CreatePersonAsync();
        var bondId = await Spaces.CreateDirectAsync(factory, creator.Id, "Meadow");
        var invitation = await Spaces.IssueAsync(factory, creator.Id, bondId);
        await factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Invitations
            .Where(i => i.Id == invitation.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        var joiner = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var page = await joiner.GetAsync("/join/" + invitation.Token);
        var response = await Spaces.JoinAsync(joiner, invitation.Token);

        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("has run out", await Spaces.TextAsync(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("has run out", await Spaces.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(1, await Spaces.MemberCountAsync(factory, bondId));
    }

    [Fact]
    public async Task Join_WhenTheLinkWasRevoked_FailsAsNotValid()
    {
        var creator = await factory.CreatePersonAsync();
        var creatorClient = await factory.SignedInClientAsync(creator);
        var bondId = await Spaces.CreateAsync(creatorClient, "Orchard");
        var token = await Spaces.InviteAsync(creatorClient, bondId);
        var invitationId = await factory.InScopeAsync(null, sp =>
            sp.GetRequiredService<CornerDbContext>().Invitations.Where(i => i.BondId == bondId).Select(i => i.Id).SingleAsync());
        var revoked = await creatorClient.SubmitFormAsync($"/spaces/{bondId}/invite",
            new Dictionary<string, string> { ["invitationId"] = invitationId.ToString() }, formAction: $"/spaces/{bondId}/invite?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var joiner = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var response = await Spaces.JoinAsync(joiner, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("isn't valid", await Spaces.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(1, await Spaces.MemberCountAsync(factory, bondId));
    }

    [Fact]
    public async Task Invite_WhenANewLinkIsMade_TheOlderOneStopsWorking()
    {
        var creator = await factory.CreatePersonAsync();
        var creatorClient = await factory.SignedInClientAsync(creator);
        var bondId = await Spaces.CreateAsync(creatorClient, "Two links");
        var first = await Spaces.InviteAsync(creatorClient, bondId);
        var second = await Spaces.InviteAsync(creatorClient, bondId);
        var joiner = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await Spaces.JoinAsync(joiner, first)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Spaces.JoinAsync(joiner, second)).StatusCode);
    }

    [Fact]
    public async Task Join_WhenTheCreatorUsesTheirOwnLink_IsRefused()
    {
        var creator = await factory.CreatePersonAsync();
        var creatorClient = await factory.SignedInClientAsync(creator);
        var bondId = await Spaces.CreateAsync(creatorClient, "Mine");
        var token = await Spaces.InviteAsync(creatorClient, bondId);

        var response = await Spaces.JoinAsync(creatorClient, token);
        var direct = await factory.InScopeAsync(creator.Id, sp => sp.GetRequiredService<InvitationRedeemer>().RedeemAsync(creator.Id, token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("your own invitation link", await Spaces.TextAsync(response), StringComparison.Ordinal);
        Assert.Equal(InvitationProblem.OwnSpace, direct.Problem);
        Assert.Equal(1, await Spaces.MemberCountAsync(factory, bondId));
    }

    [Fact]
    public async Task JoinPage_WhenAnonymous_OffersRegisterAndSignInThatComeBack()
    {
        var creator = await factory.CreatePersonAsync("Robin Inviter");
        var bondId = await Spaces.CreateDirectAsync(factory, creator.Id, "Secret garden name");
        var invitation = await Spaces.IssueAsync(factory, creator.Id, bondId);

        var response = await factory.NewClient().GetAsync("/join/" + invitation.Token);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Robin Inviter", body, StringComparison.Ordinal);
        Assert.Contains("Close friends", body, StringComparison.Ordinal);
        Assert.Contains($"/account/register?returnUrl=/join/{invitation.Token}", body, StringComparison.Ordinal);
        Assert.Contains($"/account/sign-in?returnUrl=/join/{invitation.Token}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret garden name", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_WhenAMemberLeaves_TheyLoseAccessAtOnceAndTheOtherSeesTheyLeft()
    {
        var (_, creatorClient, joiner, joinerClient, bondId, name) = await Spaces.SharedAsync(factory);

        var confirm = Html.Parse(await joinerClient.GetStringAsync($"/spaces/{bondId}/leave")).Body!.TextContent;
        var response = await joinerClient.SubmitFormAsync($"/spaces/{bondId}/leave", new Dictionary<string, string>(), $"/spaces/{bondId}/leave");

        Assert.Contains("can't be undone", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await joinerClient.GetAsync($"/spaces/{bondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await joinerClient.GetAsync($"/api/v1/spaces/{bondId}")).StatusCode);
        Assert.DoesNotContain(name, await joinerClient.GetStringAsync("/"), StringComparison.Ordinal);
        var creatorView = await creatorClient.GetStringAsync($"/spaces/{bondId}");
        Assert.Contains($"{joiner.DisplayName} left this space", creatorView, StringComparison.Ordinal);
        Assert.Contains("closed to new members", Html.Parse(await creatorClient.GetStringAsync($"/spaces/{bondId}/invite")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_WhenTwoPeopleRedeemTheSameLinkAtOnce_OnlyOneJoins()
    {
        var creator = await factory.CreatePersonAsync();
        var bondId = await Spaces.CreateDirectAsync(factory, creator.Id, "Race to join");
        var invitation = await Spaces.IssueAsync(factory, creator.Id, bondId);
        var first = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var second = await factory.SignedInClientAsync(await factory.CreatePersonAsync());

        var responses = await Task.WhenAll(Spaces.JoinAsync(first, invitation.Token), Spaces.JoinAsync(second, invitation.Token));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(2, await Spaces.MemberCountAsync(factory, bondId));
    }

    [Fact]
    public async Task Leave_WhenTheCreatorLeavesBeforeAnyoneJoined_TheOpenLinkStopsWorking()
    {
        var creator = await factory.CreatePersonAsync();
        var creatorClient = await factory.SignedInClientAsync(creator);
        var bondId = await Spaces.CreateAsync(creatorClient, "Changed my mind");
        var token = await Spaces.InviteAsync(creatorClient, bondId);

        var left = await creatorClient.SubmitFormAsync($"/spaces/{bondId}/leave", new Dictionary<string, string>(), $"/spaces/{bondId}/leave");
        var joiner = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var response = await Spaces.JoinAsync(joiner, token);

        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await joiner.GetAsync($"/spaces/{bondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await creatorClient.GetAsync($"/spaces/{bondId}")).StatusCode);
    }

    [Fact]
    public async Task Create_WhenTheFormIsSubmittedTwice_MakesOneSpace()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);
        var form = await FormValuesAsync(client, "Twice " + Spaces.Unique());

        var first = await client.PostAsync("/spaces/new", new FormUrlEncodedContent(form));
        var second = await client.PostAsync("/spaces/new", new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await CreatedCountAsync(person.Id));
    }

    [Fact]
    public async Task Create_WhenTwoSubmitsRaceEachOther_MakesOneSpace()
    {
        var person = await factory.CreatePersonAsync();
        var client = await factory.SignedInClientAsync(person);
        var form = await FormValuesAsync(client, "Race " + Spaces.Unique());

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostAsync("/spaces/new", new FormUrlEncodedContent(form))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location!.OriginalString).Distinct());
        Assert.Equal(1, await CreatedCountAsync(person.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(responses[0].Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task Create_WhenTheNameIsMissingOrTooLong_ExplainsAndKeepsWhatWasTyped()
    {
        var client = await factory.SignedInClientAsync(await factory.CreatePersonAsync());
        var longName = "שלום 😀 " + new string('x', 120);

        var tooLong = await client.SubmitFormAsync("/spaces/new", new Dictionary<string, string> { ["Kind"] = "Siblings", ["Name"] = longName }, "/spaces/new");
        var empty = await client.SubmitFormAsync("/spaces/new", new Dictionary<string, string> { ["Kind"] = "Siblings", ["Name"] = "  " }, "/spaces/new");
        var badKind = await client.SubmitFormAsync("/spaces/new", new Dictionary<string, string> { ["Kind"] = "99", ["Name"] = "Fine\u0007name" }, "/spaces/new");
        var nullByte = await client.SubmitFormAsync("/spaces/new", new Dictionary<string, string> { ["Kind"] = "Friends", ["Name"] = "Fine\0name" }, "/spaces/new");

        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        var document = Html.Parse(await tooLong.Content.ReadAsStringAsync());
        Assert.Equal(longName, document.QuerySelector("#name")!.GetAttribute("value"));
        Assert.True(document.QuerySelector("#kind-Siblings")!.HasAttribute("checked"));
        Assert.Contains("80 characters or fewer", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Give your space a name", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badKindBody = await badKind.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, badKind.StatusCode);
        Assert.Contains("Choose one of the options", badKindBody, StringComparison.Ordinal);
        Assert.Contains("hidden character", badKindBody, StringComparison.Ordinal);
        // A NUL byte gets the same friendly refusal as any hidden character, and the form comes back.
        Assert.Equal(HttpStatusCode.OK, nullByte.StatusCode);
        Assert.Contains("hidden character", await nullByte.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WhenDone_RecordsTheAuditTrailWithoutTheName()
    {
        var (creator, _, joiner, _, bondId, name) = await Spaces.SharedAsync(factory);

        var events = await factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().AuditEvents
            .Where(e => e.BondId == bondId).OrderBy(e => e.Id).Select(e => new { e.Kind, e.PersonId, e.Detail }).ToListAsync());

        Assert.Equal([AuditKinds.BondCreated, AuditKinds.InvitationCreated, AuditKinds.InvitationRedeemed, AuditKinds.BondJoined],
            events.Select(e => e.Kind));
        Assert.Equal(creator.Id, events[0].PersonId);
        Assert.Equal(joiner.Id, events[3].PersonId);
        Assert.DoesNotContain(events, e => (e.Detail ?? "").Contains(name, StringComparison.Ordinal));
    }

    private static async Task<List<KeyValuePair<string, string>>> FormValuesAsync(HttpClient client, string name)
    {
        var document = await client.GetPageAsync("/spaces/new");
        string Value(string field) => document.QuerySelector($"input[name='{field}']")!.GetAttribute("value")!;
        return
        [
            new("__RequestVerificationToken", Value("__RequestVerificationToken")),
            new("IdempotencyKey", Value("IdempotencyKey")),
            new("Kind", "Partners"),
            new("Name", name),
        ];
    }

    private Task<int> CreatedCountAsync(Guid personId) =>
        factory.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Bonds.CountAsync(b => b.CreatedBy == personId));

    [Fact]
    public async Task SpaceHome_AfterTheOtherLeft_LinksToWhatTheyKeptAndEveryLinkOpens()
    {
        var stays = await factory.CreatePersonAsync("Stays");
        var leaves = await factory.CreatePersonAsync("Leaves");
        var bondId = await factory.CreateSpaceAsync("Kept together", stays, leaves);
        Assert.True(await factory.InScopeAsync(leaves.Id, sp => sp.GetRequiredService<BondLeaver>().LeaveAsync(leaves.Id, bondId)));
        var client = await factory.SignedInClientAsync(stays);

        var home = await client.GetPageAsync($"/spaces/{bondId}");

        var links = home.QuerySelectorAll("nav[aria-labelledby='kept-together'] a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(SpaceModel.KeptTogether.Length, links.Count);
        foreach (var link in links)
        {
            var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link} answered {(int)response.StatusCode} to the person who stayed");
        }
    }
}
