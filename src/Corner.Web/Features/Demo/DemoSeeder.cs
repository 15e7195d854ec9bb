using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Demo;

/// <summary>
/// <c>script/server --demo</c>: two confirmed demo people who share a partners space, made through
/// the same handlers people use (so the audit trail is real). Safe to run on every start.
/// Development only: demo accounts with a printed password must never exist anywhere else.
/// </summary>
public sealed class DemoSeeder(CornerDbContext db, UserManager<Person> users, BondCreator creator,
    InvitationIssuer issuer, InvitationRedeemer redeemer, BondQueries queries, TimeProvider clock)
{
    public const string Password = "demo corner password";

    // A fixed id doubles as the idempotency key, so a restart finds the same space.
    private static readonly Guid DemoBondId = new("d3e0c0de-0000-4000-8000-00000000c0de");

    public sealed record DemoPerson(string Email, string DisplayName);

    public static readonly DemoPerson Alex = new("alex@demo.corner.local", "Alex");
    public static readonly DemoPerson Sam = new("sam@demo.corner.local", "Sam");

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // System scope: creating accounts and finding them by email happens before anyone is signed in.
        await db.ActAsSystemAsync(ct);
        var alexId = await EnsurePersonAsync(Alex);
        var samId = await EnsurePersonAsync(Sam);

        await db.ActAsAsync(alexId, ct);
        if (await queries.FindForMemberAsync(DemoBondId, alexId, ct) is null)
        {
            var created = await creator.CreateAsync(alexId, DemoBondId, nameof(BondKind.Partners), "Alex & Sam", ct);
            if (created is not BondCreation.Created)
                throw new InvalidOperationException($"The demo space could not be created ({created.GetType().Name}).");
        }

        var details = await queries.FindDetailsForMemberAsync(DemoBondId, alexId, ct);
        if (details is { IsOpenToInvitations: true })
        {
            var (invitation, error) = await issuer.CreateAsync(alexId, DemoBondId, ct);
            if (invitation is null)
                throw new InvalidOperationException($"The demo invitation could not be made ({error}).");
            await db.ActAsAsync(samId, ct);
            var redemption = await redeemer.RedeemAsync(samId, invitation.Token, ct);
            if (redemption.Problem is { } problem)
                throw new InvalidOperationException($"Sam could not join the demo space ({problem}).");
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<Guid> EnsurePersonAsync(DemoPerson demo)
    {
        if (await users.FindByEmailAsync(demo.Email) is { } existing)
            return existing.Id;
        var person = new Person
        {
            Id = Guid.NewGuid(),
            UserName = demo.Email,
            Email = demo.Email,
            EmailConfirmed = true,
            DisplayName = demo.DisplayName,
            TimeZone = "Europe/London",
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(person, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException("The demo person could not be created: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        return person.Id;
    }
}

public static class DemoFeature
{
    /// <summary>Seeds the demo when Corner:SeedDemo is true (script/server --demo). Refuses outside Development.</summary>
    public static async Task SeedDemoAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Corner:SeedDemo"))
            return;
        if (!app.Environment.IsDevelopment())
        {
            await Console.Error.WriteLineAsync(
                $"Corner: demo data is only for Development, and this is {app.Environment.EnvironmentName}. " +
                "No demo accounts were created. Unset Corner__SeedDemo (or drop --demo) to silence this.");
            return;
        }

        using var scope = app.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<DemoSeeder>(scope.ServiceProvider).SeedAsync();

        Console.WriteLine($"""

            ==> Demo ready: Alex and Sam share a partners space.
                Sign in as either of them (password for both: "{DemoSeeder.Password}")
                  {DemoSeeder.Alex.Email}
                  {DemoSeeder.Sam.Email}

            """);
    }
}
