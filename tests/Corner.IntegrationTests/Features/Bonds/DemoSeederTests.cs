using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Bonds;

[Collection(AppCollection.Name)]
public sealed class DemoSeederTests(CornerAppFactory factory)
{
    [Fact]
    public async Task Seed_WhenRunTwice_LeavesAlexAndSamSharingOneSpace()
    {
        await SeedAsync();
        await SeedAsync();

        var (alexId, samId, shared) = await factory.InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            var alex = await db.Users.SingleAsync(u => u.NormalizedEmail == DemoSeeder.Alex.Email.ToUpperInvariant());
            var sam = await db.Users.SingleAsync(u => u.NormalizedEmail == DemoSeeder.Sam.Email.ToUpperInvariant());
            var bonds = await db.BondMembers.Where(m => m.PersonId == alex.Id && m.LeftAt == null)
                .Where(m => db.BondMembers.Any(o => o.BondId == m.BondId && o.PersonId == sam.Id && o.LeftAt == null))
                .Select(m => m.BondId).ToListAsync();
            return (alex.Id, sam.Id, bonds);
        });
        var bondId = Assert.Single(shared);
        var alexClient = await factory.SignedInClientAsync(new TestPerson(alexId, DemoSeeder.Alex.Email, DemoSeeder.Password, "Alex"));
        Assert.Contains("You and Sam", await alexClient.GetStringAsync($"/spaces/{bondId}"), StringComparison.Ordinal);
        Assert.NotEqual(alexId, samId);
    }

    private Task SeedAsync() => Task.Run(async () =>
    {
        using var scope = factory.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();
    });
}
