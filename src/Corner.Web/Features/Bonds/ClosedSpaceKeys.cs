using Corner.Web.Data;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Bonds;

/// <summary>How long a space's data key outlives the last member leaving (<c>Corner:ClosedSpaces</c>).</summary>
public sealed class ClosedSpaceOptions
{
    /// <summary>Once everyone has left, the space's key is destroyed this long after the last of them left.</summary>
    public TimeSpan KeyKeptAfterEveryoneLeft { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>
/// A daily housekeeping step: destroys the data key of every space everyone left long enough ago, so its words
/// (sealed with that key) can never be read again, in the database or in any backup of it. Records that it
/// happened, never what was in the space.
/// </summary>
public sealed class ClosedSpaceKeyShredding(CornerDbContext db, FieldEncryption encryption, AuditLog audit,
    IOptions<ClosedSpaceOptions> options) : IHousekeepingStep
{
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var before = now - options.Value.KeyKeptAfterEveryoneLeft;
        var spaces = await db.Database.SqlQuery<Guid>($"""
            select b.id as "Value" from bonds b
            where exists (select 1 from data_keys k where k.owner_id = b.id)
              and not exists (select 1 from bond_members m where m.bond_id = b.id and m.left_at is null)
              and (select max(m.left_at) from bond_members m where m.bond_id = b.id) < {before}
            """).ToListAsync(ct);
        foreach (var bondId in spaces)
        {
            await encryption.ShredAsync(bondId, ct);
            audit.Record(AuditKinds.SpaceKeyDestroyed, null, bondId);
        }
        await db.SaveChangesAsync(ct);
        return spaces.Count;
    }
}
