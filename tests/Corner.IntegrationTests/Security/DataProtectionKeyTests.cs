using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Security;

/// <summary>The keys behind cookies and tokens are in the database, but sealed by the master key.</summary>
[Collection(AppCollection.Name)]
public sealed class DataProtectionKeyTests(CornerAppFactory factory)
{
    [Fact]
    public async Task StoredKeys_AreSealedByTheMasterKey_AndStillWorkForANewNode()
    {
        var person = await factory.CreatePersonAsync();
        // Signing in needs a key, so there is at least one by now.
        await factory.SignedInClientAsync(person);

        var keys = await Sql.OwnerListAsync<string>("select xml from data_protection_keys");

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("sealedByMasterKey", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });

        // Another node (a fresh app on the same database and master key) reads the sealed key and the cookie.
        await using var otherNode = CornerAppFactory.WithSettings(new Dictionary<string, string?>());
        var cookieFromFirstNode = await factory.SignInCookieAsync(person);
        var client = otherNode.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", "__Host-corner=" + cookieFromFirstNode);
        var home = await client.GetAsync("/account");
        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
    }
}
