using System.Net;
using System.Security.Cryptography;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Bonds;

/// <summary>Issue 14, item 5: 30 days after everyone left a space, its data key is destroyed. The step shreds every
/// such space in the shared database, so it runs alone.</summary>
[Collection(Security.RunsAloneCollection.Name)]
public sealed class ClosedSpaceKeyTests
{
    [Fact]
    public async Task Housekeeping_AfterBothLeft_KeepsTheKeyAt29DaysAndDestroysItAt31()
    {
        using var factory = new CornerAppFactory();
        var first = await factory.CreatePersonAsync();
        var second = await factory.CreatePersonAsync();
        var name = "Sealed " + Guid.NewGuid().ToString("N");
        var bondId = await factory.CreateSpaceAsync(name, first, second);
        foreach (var person in new[] { first, second })
            Assert.True(await factory.InScopeAsync(person.Id, sp => sp.GetRequiredService<BondLeaver>().LeaveAsync(person.Id, bondId)));
        var lastLeft = await Sql.OwnerScalarAsync<DateTime>("select max(left_at) from bond_members where bond_id = $1", bondId);
        var left = new DateTimeOffset(DateTime.SpecifyKind(lastLeft, DateTimeKind.Utc));

        await PurgeAsync(factory, left.AddDays(29));

        Assert.Equal(1L, await KeysAsync(bondId));
        Assert.Equal(name, await NameAsync(factory, bondId));

        await PurgeAsync(factory, left.AddDays(31));

        Assert.Equal(0L, await KeysAsync(bondId));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => NameAsync(factory, bondId));
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>(
            "select count(*) from audit_events where kind = $1 and bond_id = $2 and detail is null and person_id is null", AuditKinds.SpaceKeyDestroyed, bondId));
        Assert.Contains("30 days after its last member left", DataInventory.Entries.Single(e => e.Table == "data_keys").Erasure, StringComparison.Ordinal);
        // A former member who comes back finds nothing there, calmly: not a failure to decrypt.
        var client = await factory.SignedInClientAsync(first);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/spaces/{bondId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    private static Task<int> PurgeAsync(CornerAppFactory factory, DateTimeOffset now) =>
        factory.InScopeAsync(null, sp => sp.GetServices<IHousekeepingStep>().OfType<ClosedSpaceKeyShredding>().Single()
            .PurgeAsync(now, CancellationToken.None));

    private static Task<long> KeysAsync(Guid bondId) =>
        Sql.OwnerScalarAsync<long>("select count(*) from data_keys where owner_id = $1", bondId);

    private static async Task<string> NameAsync(CornerAppFactory factory, Guid bondId)
    {
        var cipher = await Sql.OwnerScalarAsync<byte[]>("select name_cipher from bonds where id = $1", bondId);
        // A fresh app, so no key is remembered in memory from before.
        using var fresh = new CornerAppFactory();
        return await fresh.InScopeAsync(null, sp => sp.GetRequiredService<FieldEncryption>()
            .DecryptAsync(bondId, BondQueries.NameField(bondId), cipher));
    }
}
