using Corner.Web.Data;
using Corner.Web.Features.Bonds;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Shared;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.Demo;

/// <summary>
/// <c>script/server --demo</c>: two confirmed demo people who share a partners space, made through
/// the same handlers people use (so the audit trail is real), and a week of sample check-ins.
/// Safe to run on every start.
/// Development only: demo accounts with a printed password must never exist anywhere else.
/// </summary>
public sealed class DemoSeeder(CornerDbContext db, UserManager<Person> users, BondCreator creator,
    InvitationIssuer issuer, InvitationRedeemer redeemer, BondQueries queries, FieldEncryption encryption, TimeProvider clock)
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
        Guid alexId, samId;
        await using (await db.SystemScopeAsync(ct))
        {
            alexId = await EnsurePersonAsync(Alex);
            samId = await EnsurePersonAsync(Sam);
        }

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
        await SeedCheckInsAsync(alexId, samId, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>A week of shared check-ins, some reflected on and answered, so the space feels lived in.</summary>
    private sealed record SampleCheckIn(int DaysAgo, bool ByAlex, string[] Surface, string[] Underlying, short Intensity,
        short Supported, string Note, string? ReflectedFeeling = null, string? ReflectedWords = null, string? Answer = null);

    private static readonly SampleCheckIn[] Samples =
    [
        new(6, true, ["joyful.excited"], ["scared.anxious"], 3, 4, "First day at the new job. Buzzing, and a bit wobbly underneath.",
            "scared.on_edge", "A big step. Excited and nervous at the same time?", ReflectionWriter.Yes),
        new(5, false, ["sad.tired"], ["scared.overwhelmed"], 4, 3, "Long shift. Everything felt loud today.",
            "sad.tired", "That sounds draining. I'm glad you're home.", ReflectionWriter.Yes),
        new(4, true, ["peaceful.content"], [], 2, 5, "Quiet evening, cooking together. Just nice."),
        new(3, false, ["mad.frustrated"], ["sad.left_out"], 4, 2, "I felt talked over on the family call.",
            "mad.irritated", null, ReflectionWriter.NotQuite),
        new(2, true, ["peaceful.calm"], [], 2, 4, "Slow Sunday."),
        new(2, false, ["joyful.grateful"], ["peaceful.close"], 3, 5, "Thank you for the long walk."),
        new(1, true, ["scared.worried"], ["sad.lonely"], 3, 4, "Missing my sister more than I expected."),
        new(0, false, ["powerful.proud"], [], 3, 4, "Finished the big project!"),
    ];

    private async Task SeedCheckInsAsync(Guid alexId, Guid samId, CancellationToken ct)
    {
        await db.ActAsAsync(alexId, ct);
        if (await db.Set<CheckIn>().AnyAsync(c => c.PersonId == alexId, ct))
            return;
        var now = clock.GetUtcNow();
        var today = PersonalDay.Today("Europe/London", now);
        foreach (var sample in Samples)
        {
            var (author, other) = sample.ByAlex ? (alexId, samId) : (samId, alexId);
            var day = today.AddDays(-sample.DaysAgo);
            var at = now.AddDays(-sample.DaysAgo);
            await db.ActAsAsync(author, ct);
            var checkIn = new CheckIn
            {
                Id = Guid.NewGuid(),
                PersonId = author,
                LocalDate = day,
                SurfaceFeelings = sample.Surface,
                UnderlyingFeelings = sample.Underlying,
                Intensity = sample.Intensity,
                CreatedAt = at,
                UpdatedAt = at,
            };
            checkIn.NoteCipher = await encryption.EncryptAsync(author, CheckInRecorder.PersonalNoteField(checkIn.Id), sample.Note, ct);
            db.Add(checkIn);
            await db.SaveChangesAsync(ct);
            db.Add(new CheckInShare
            {
                CheckInId = checkIn.Id,
                BondId = DemoBondId,
                PersonId = author,
                LocalDate = day,
                Supported = sample.Supported,
                SharedAt = at,
                NoteCipher = await encryption.EncryptAsync(DemoBondId, CheckInRecorder.SharedNoteField(checkIn.Id, DemoBondId), sample.Note, ct),
            });
            await db.SaveChangesAsync(ct);
            if (sample.ReflectedFeeling is null)
                continue;

            await db.ActAsAsync(other, ct);
            var reflection = new Reflection
            {
                Id = Guid.NewGuid(),
                CheckInId = checkIn.Id,
                BondId = DemoBondId,
                AuthorId = other,
                Feeling = sample.ReflectedFeeling,
                CreatedAt = at.AddHours(1),
            };
            if (sample.ReflectedWords is { } words)
                reflection.WordsCipher = await encryption.EncryptAsync(DemoBondId, ReflectionWriter.WordsField(reflection.Id), words, ct);
            if (sample.Answer is { } answer)
            {
                reflection.Response = answer;
                reflection.RespondedAt = at.AddHours(2);
            }
            db.Add(reflection);
            await db.SaveChangesAsync(ct);
        }
        await db.ActAsAsync(alexId, ct);
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
