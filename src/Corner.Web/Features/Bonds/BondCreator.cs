using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Features.Bonds;

/// <summary>The outcome of creating a space.</summary>
public abstract record BondCreation
{
    /// <summary>The space exists; <paramref name="Replayed"/> when an earlier submit with the same key made it.</summary>
    public sealed record Created(BondSummary Bond, bool Replayed) : BondCreation;

    public sealed record Invalid(IReadOnlyList<BondInputError> Errors) : BondCreation;

    /// <summary>The idempotency key is already the id of something that is not this person's space.</summary>
    public sealed record KeyAlreadyUsed : BondCreation;
}

/// <summary>Creates a space with its creator as the first member. Shared by the page and the API.</summary>
public sealed class BondCreator(CornerDbContext db, FieldEncryption encryption, BondQueries queries, AuditLog audit, TimeProvider clock)
{
    /// <param name="bondId">The idempotency key: a second submit with the same key returns the same space.</param>
    public async Task<BondCreation> CreateAsync(Guid personId, Guid bondId, string? kindText, string? nameText, CancellationToken ct = default)
    {
        if (bondId == Guid.Empty)
            return new BondCreation.KeyAlreadyUsed();
        if (await queries.FindForMemberAsync(bondId, personId, ct) is { } earlier)
            return new BondCreation.Created(earlier, Replayed: true);

        var errors = BondInput.Validate(kindText, nameText, out var kind, out var name);
        if (errors.Count > 0)
            return new BondCreation.Invalid(errors);

        // Claim the id before anything is encrypted for it, so we never make (or cache) a data key
        // for a bond we cannot see. A concurrent double submit waits here for the first to commit
        // and then hits the primary key; so does a key that is already someone else's bond id.
        // EF saves inside a savepoint when a transaction is open, so that failure leaves ours usable.
        var now = clock.GetUtcNow();
        var bond = new Bond { Id = bondId, Kind = kind, NameCipher = [], CreatedBy = personId, CreatedAt = now };
        db.Bonds.Add(bond);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.Entry(bond).State = EntityState.Detached;
            return await queries.FindForMemberAsync(bondId, personId, ct) is { } existing
                ? new BondCreation.Created(existing, Replayed: true)
                : new BondCreation.KeyAlreadyUsed();
        }

        // Row-level security: the creator sees the bond until its first member row exists, and
        // after that only as a member; the data key may only be written once they are a member.
        db.BondMembers.Add(new BondMember { BondId = bondId, PersonId = personId, JoinedAt = now });
        await db.SaveChangesAsync(ct);

        var cipher = await encryption.EncryptAsync(bondId, BondQueries.NameField(bondId), name, ct);
        await db.SaveChangesAsync(ct);
        bond.NameCipher = cipher;
        audit.Record(AuditKinds.BondCreated, personId, bondId, detail: kind.ToString());
        await db.SaveChangesAsync(ct);

        var created = await queries.FindForMemberAsync(bondId, personId, ct)
            ?? throw new InvalidOperationException("A space just created is not visible to its creator.");
        return new BondCreation.Created(created, Replayed: false);
    }
}
