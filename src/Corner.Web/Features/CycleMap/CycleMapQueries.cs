using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CycleMap;

/// <summary>One half as someone may see it: their own (shared or not), or the other member's shared one.</summary>
public sealed record CycleHalfView(
    Guid Id, string Name, bool Mine, bool Shared, IReadOnlyList<string> Behaviours,
    string? Trigger, string? Reaction, string? Surface, string? Underneath, string? Need, string? ToKnow,
    DateTimeOffset UpdatedAt)
{
}

/// <summary>
/// A space's cycle map as one member sees it. <see cref="Theirs"/> is null while the other member's half is
/// not shared, whether or not they have a draft: nothing here tells the two apart.
/// </summary>
public sealed record CycleMapView(Guid BondId, string? OtherName, CycleHalfView? Mine, CycleHalfView? Theirs)
{
    public bool LoopReady => Mine is { Shared: true } && Theirs is not null;
}

/// <summary>A noted time as both members see it.</summary>
public sealed record CycleTimeView(Guid Id, DateOnly LocalDate, bool Mine, string NotedByName, IReadOnlyList<string> Parts,
    string Reconnected, string? Note, DateTimeOffset CreatedAt);

/// <summary>Reads the cycle map, always scoped to the space and the asking member in the query itself.</summary>
public sealed class CycleMapQueries(CornerDbContext db, FieldEncryption encryption)
{
    /// <summary>The map of a space the caller has already been checked to be a member of.</summary>
    public async Task<CycleMapView> MapAsync(Guid bondId, Guid viewerId, string? otherName, CancellationToken ct = default)
    {
        var rows = await (
            from h in db.Set<CycleHalf>().AsNoTracking()
            where h.BondId == bondId && (h.PersonId == viewerId || h.SharedAt != null)
            join p in db.Users.AsNoTracking() on h.PersonId equals p.Id
            select new { Half = h, p.DisplayName }).ToListAsync(ct);
        CycleHalfView? mine = null, theirs = null;
        foreach (var row in rows)
        {
            var view = await ViewAsync(bondId, row.Half, row.DisplayName, row.Half.PersonId == viewerId, ct);
            if (view.Mine) mine = view; else theirs = view;
        }
        return new CycleMapView(bondId, otherName, mine, theirs);
    }

    /// <summary>The space's shared halves, as someone outside it reads them (a counsellor with the cycle in scope):
    /// neither is "mine", drafts never appear.</summary>
    public async Task<IReadOnlyList<CycleHalfView>> SharedHalvesAsync(Guid bondId, CancellationToken ct = default)
    {
        var rows = await (
            from h in db.Set<CycleHalf>().AsNoTracking()
            where h.BondId == bondId && h.SharedAt != null
            join p in db.Users.AsNoTracking() on h.PersonId equals p.Id
            orderby p.DisplayName
            select new { Half = h, p.DisplayName }).ToListAsync(ct);
        var halves = new List<CycleHalfView>(rows.Count);
        foreach (var row in rows)
            halves.Add(await ViewAsync(bondId, row.Half, row.DisplayName, mine: false, ct));
        return halves;
    }

    /// <summary>Times noted in a space between two local days (inclusive), newest first.</summary>
    public async Task<IReadOnlyList<CycleTimeView>> TimesAsync(Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var rows = await (
            from t in db.Set<CycleTime>().AsNoTracking()
            where t.BondId == bondId && t.LocalDate >= firstDay && t.LocalDate <= lastDay
            join p in db.Users.AsNoTracking() on t.NotedBy equals p.Id
            orderby t.LocalDate descending, t.CreatedAt descending
            select new { Time = t, p.DisplayName }).ToListAsync(ct);
        var result = new List<CycleTimeView>(rows.Count);
        foreach (var row in rows)
        {
            var t = row.Time;
            var note = t.NoteCipher is null ? null : await encryption.DecryptAsync(bondId, CycleTimeRecorder.NoteField(t.Id), t.NoteCipher, ct);
            result.Add(new CycleTimeView(t.Id, t.LocalDate, t.NotedBy == viewerId, row.DisplayName, t.Parts, t.Reconnected, note, t.CreatedAt));
        }
        return result;
    }

    /// <summary>Whether each half exists and is shared, without decrypting (for the space's home).</summary>
    public async Task<(bool MineStarted, bool MineShared, bool TheirsShared)> StatusAsync(Guid bondId, Guid viewerId, CancellationToken ct = default)
    {
        var rows = await db.Set<CycleHalf>().AsNoTracking()
            .Where(h => h.BondId == bondId && (h.PersonId == viewerId || h.SharedAt != null))
            .Select(h => new { Mine = h.PersonId == viewerId, Shared = h.SharedAt != null }).ToListAsync(ct);
        var mine = rows.FirstOrDefault(r => r.Mine);
        return (mine is not null, mine?.Shared == true, rows.Any(r => !r.Mine && r.Shared));
    }

    /// <summary>What the space's home shows, in one query queued with the other cards': <see cref="StatusAsync"/> and
    /// how many times the cycle was noted between the two days.</summary>
    public static QueryBatch.Queued<CycleCard> QueueCard(QueryBatch batch, Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay) =>
        batch.Add($"""
            select exists (select 1 from cycle_halves h where h.bond_id = {bondId} and h.person_id = {viewerId}),
                   exists (select 1 from cycle_halves h where h.bond_id = {bondId} and h.person_id = {viewerId} and h.shared_at is not null),
                   exists (select 1 from cycle_halves h where h.bond_id = {bondId} and h.person_id <> {viewerId} and h.shared_at is not null),
                   (select count(*)::int from cycle_times t where t.bond_id = {bondId} and t.local_date >= {firstDay} and t.local_date <= {lastDay})
            """, r => new CycleCard(r.GetBoolean(0), r.GetBoolean(1), r.GetBoolean(2), r.GetInt32(3)));

    private async Task<CycleHalfView> ViewAsync(Guid bondId, CycleHalf h, string name, bool mine, CancellationToken ct)
    {
        async Task<string?> Open(string column, byte[]? cipher) =>
            cipher is null ? null : await encryption.DecryptAsync(bondId, CycleHalfWriter.Field(column, h.Id), cipher, ct);
        return new CycleHalfView(h.Id, name, mine, h.SharedAt is not null, h.Behaviours,
            await Open("trigger", h.TriggerCipher), await Open("reaction", h.ReactionCipher), await Open("surface", h.SurfaceCipher),
            await Open("underneath", h.UnderneathCipher), await Open("need", h.NeedCipher), await Open("to_know", h.ToKnowCipher),
            h.UpdatedAt);
    }
}
