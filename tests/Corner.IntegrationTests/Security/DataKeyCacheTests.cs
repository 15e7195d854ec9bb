using Corner.IntegrationTests.Features.Bonds;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

[Collection(AppCollection.Name)]
public sealed class DataKeyCacheTests(CornerAppFactory factory)
{
    [Fact]
    public async Task EncryptForAnUnseenSpace_ByAnOutsider_DoesNotBreakTheMembersReads()
    {
        var (creator, creatorClient, _, _, bondId, name) = await Spaces.SharedAsync(factory);
        var outsider = await factory.CreatePersonAsync("Outsider");

        // The outsider's scope cannot see the space's key, so a new key is made for it; saving that
        // key is refused by row-level security. The members' key must stay the one in use.
        await Assert.ThrowsAnyAsync<Exception>(() => factory.InScopeAsync(outsider.Id, async sp =>
            await sp.GetRequiredService<FieldEncryption>().EncryptAsync(bondId, BondQueries.NameField(bondId), "not yours")));

        var names = await factory.InScopeAsync(creator.Id, async sp =>
            (await sp.GetRequiredService<BondQueries>().ListForPersonAsync(creator.Id)).Select(b => b.Name).ToList());
        Assert.Contains(name, names);
        Assert.Contains(name, await creatorClient.GetStringAsync($"/spaces/{bondId}"), StringComparison.Ordinal);
    }
}
