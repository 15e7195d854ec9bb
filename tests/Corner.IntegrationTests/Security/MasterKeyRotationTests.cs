using System.Net;
using System.Security.Cryptography;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Features.Appreciations;
using Corner.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Security;

/// <summary>Tests that change the whole shared test database (rotating every key, purging on a far-future
/// date) run alone, after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAloneCollection
{
    public const string Name = "runs-alone";
}

/// <summary>Rotation rewrites every key in the database; it puts the run's shared master key back when it ends.</summary>
[Collection(RunsAloneCollection.Name)]
public sealed class MasterKeyRotationTests
{
    [Fact]
    public async Task Rotate_WhenRunWithTheOldKeyAsPrevious_FieldsDecryptAndEarlierCookiesStillSignIn()
    {
        var oldKey = CornerAppFactory.SharedMasterKey;
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var spaceCanary = "canary-space-" + Guid.NewGuid().ToString("N");
        var wordsCanary = "canary-words-" + Guid.NewGuid().ToString("N");

        await ForgetKeysOfOtherDeploymentsAsync(oldKey);
        await using var before = new CornerAppFactory();
        var a = await before.CreatePersonAsync();
        var b = await before.CreatePersonAsync();
        var bondId = await before.CreateSpaceAsync(spaceCanary, a, b);
        await before.InScopeAsync(a.Id, async sp => (await sp.GetRequiredService<AppreciationWriter>()
            .SendAsync(bondId, a.Id, AppreciationWriter.Admire, wordsCanary, Guid.NewGuid())).Sent!.Id);
        var cookieFromBefore = await before.SignInCookieAsync(b);
        try
        {
            // During the rotation the nodes run with the new key and still read the old one.
            await using var rotating = CornerAppFactory.WithSettings(new Dictionary<string, string?>
            {
                ["Corner:MasterKey"] = newKey,
                ["Corner:PreviousMasterKeys"] = oldKey,
            });
            Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync(rotating, $"/spaces/{bondId}", cookieFromBefore)).StatusCode);
            var master = rotating.Services.GetRequiredService<MasterKey>();
            var result = await new MasterKeyRotator(master).RotateAsync(TestDatabase.OwnerConnectionString);
            Assert.True(result.DataKeysRewrapped >= 1);
            Assert.True(result.DataProtectionKeysResealed >= 1);
            Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where master_key_id <> $1", master.Id));
            var sealedBy = await Sql.OwnerListAsync<string>("select xml from data_protection_keys");
            Assert.All(sealedBy, xml => Assert.Contains($"masterKeyId=\"{master.Id}\"", xml, StringComparison.Ordinal));

            // Afterwards the old key is gone from the nodes: fields decrypt and the earlier cookie signs in.
            await using var after = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:MasterKey"] = newKey });
            var page = await GetWithCookieAsync(after, $"/spaces/{bondId}", cookieFromBefore);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains(spaceCanary, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var received = await after.InScopeAsync(b.Id, async sp =>
                (await sp.GetRequiredService<AppreciationQueries>().ReceivedAsync(bondId, b.Id)).Items);
            Assert.Equal(wordsCanary, Assert.Single(received).Words);

            // A node left behind on the old key fails cleanly: the cookie no longer signs in, no error page.
            await using var leftBehind = CornerAppFactory.WithSettings(new Dictionary<string, string?> { ["Corner:MasterKey"] = oldKey });
            var stale = await GetWithCookieAsync(leftBehind, "/account", cookieFromBefore);
            Assert.True(stale.StatusCode.IsRedirect(), $"Expected a redirect to sign in, got {(int)stale.StatusCode}");
            Assert.Contains("sign-in", stale.Headers.Location?.ToString() ?? "", StringComparison.OrdinalIgnoreCase);

            // Running it again changes nothing.
            var again = await new MasterKeyRotator(master).RotateAsync(TestDatabase.OwnerConnectionString);
            Assert.Equal(0, again.DataKeysRewrapped);
        }
        finally
        {
            // Back to the run's shared key (also exercises a second rotation), for the tests after this one.
            await using var back = CornerAppFactory.WithSettings(new Dictionary<string, string?>
            {
                ["Corner:MasterKey"] = oldKey,
                ["Corner:PreviousMasterKeys"] = newKey,
            });
            await new MasterKeyRotator(back.Services.GetRequiredService<MasterKey>()).RotateAsync(TestDatabase.OwnerConnectionString);
        }
    }

    [Fact]
    public async Task Rotate_WhenTheOldKeyIsNotConfigured_StopsAndChangesNothing()
    {
        await using var before = new CornerAppFactory();
        var a = await before.CreatePersonAsync();
        await before.CreateSpaceAsync("A space " + Guid.NewGuid().ToString("N"), a);
        var wrappedBefore = await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where master_key_id <> ''");

        var stranger = new MasterKey(RandomNumberGenerator.GetBytes(32));
        await Assert.ThrowsAsync<CryptographicException>(() => new MasterKeyRotator(stranger).RotateAsync(TestDatabase.OwnerConnectionString));

        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where master_key_id = $1", stranger.Id));
        Assert.Equal(wrappedBefore, await Sql.OwnerScalarAsync<long>("select count(*) from data_keys where master_key_id <> ''"));
    }

    /// <summary>Live tests run nodes with master keys of their own, as if other deployments shared the
    /// database; a real deployment has one master key. Those tests have finished by now (this collection runs
    /// last and alone), so their keys go, leaving the database as one deployment would have it.</summary>
    private static async Task ForgetKeysOfOtherDeploymentsAsync(string masterKey)
    {
        var id = new MasterKey(Convert.FromBase64String(masterKey)).Id;
        await Sql.OwnerExecuteAsync("delete from data_keys where master_key_id <> $1", id);
        await Sql.OwnerExecuteAsync(
            "delete from data_protection_keys where xml like '%sealedByMasterKey%' and xml not like '%masterKeyId=\"' || $1 || '\"%'", id);
    }

    private static async Task<HttpResponseMessage> GetWithCookieAsync(CornerAppFactory app, string path, string cookie)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("Cookie", "__Host-corner=" + cookie);
        return await client.GetAsync(path);
    }
}
