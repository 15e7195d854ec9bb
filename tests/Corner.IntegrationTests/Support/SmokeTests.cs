using System.Net;
using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class SmokeTests(CornerAppFactory factory)
{
    [Fact]
    public async Task HealthReady_WhenMigrated_AnswersReady()
    {
        var response = await factory.NewClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task CreatePerson_WithSystemScope_CanBeReadBackOnlyAsThemselves()
    {
        var person = await factory.CreatePersonAsync("Robin");
        var asSelf = await factory.InScopeAsync(person.Id, sp =>
            Task.FromResult(sp.GetRequiredService<Corner.Web.Data.CornerDbContext>().Users.Count(u => u.Id == person.Id)));
        var stranger = await factory.CreatePersonAsync();
        var asStranger = await factory.InScopeAsync(stranger.Id, sp =>
            Task.FromResult(sp.GetRequiredService<Corner.Web.Data.CornerDbContext>().Users.Count(u => u.Id == person.Id)));
        Assert.Equal(1, asSelf);
        Assert.Equal(0, asStranger);
    }

    [Fact]
    public async Task SignedInClient_OnTheHomePage_SeesTheirSpacesNotTheWelcome()
    {
        var person = await factory.CreatePersonAsync("Robin");
        var client = await factory.SignedInClientAsync(person);
        var body = await client.GetStringAsync("/");
        Assert.Contains("Your spaces", body, StringComparison.Ordinal);
        var anonymous = await factory.NewClient().GetStringAsync("/");
        Assert.DoesNotContain("Your spaces", anonymous, StringComparison.Ordinal);
    }
}
