using Corner.Web.Data;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CheckIns;

/// <summary>The signed-in person's own check-in for a day, with where it is shared.</summary>
public sealed record MyCheckIn(
    Guid Id, DateOnly LocalDate, IReadOnlyList<string> SurfaceFeelings, IReadOnlyList<string> UnderlyingFeelings,
    int Intensity, string? Note, IReadOnlyDictionary<Guid, int> SupportedBySpace);

public sealed record ReflectionView(Guid Id, bool ByMe, string AuthorName, string Feeling, string? Words, string? Response);

/// <summary>A check-in as it appears in a space: only shared ones, never private ones.</summary>
public sealed record SharedCheckIn(
    Guid Id, DateOnly LocalDate, bool Mine, string AuthorName, IReadOnlyList<string> SurfaceFeelings,
    IReadOnlyList<string> UnderlyingFeelings, int Intensity, int Supported, string? Note,
    IReadOnlyList<ReflectionView> Reflections)
{
    /// <summary>The other member may reflect once; the author never reflects on their own.</summary>
    public bool CanReflect => !Mine && !Reflections.Any(r => r.ByMe);
}

/// <summary>Gentle signals, never streaks: counts over a range, nothing to lose.</summary>
public sealed record CheckInRhythm(int DaysBothCheckedIn, int MyReflectionsAnswered, int MyReflectionsRight, int TheirReflectionsAnswered, int TheirReflectionsRight);

/// <summary>The few numbers the trends charts need from one shared check-in; no note, no names, no ids.</summary>
public sealed record TrendRow(DateOnly LocalDate, bool Mine, IReadOnlyList<string> SurfaceFeelings, int Intensity, int Supported);

public sealed class CheckInQueries(CornerDbContext db, FieldEncryption encryption, QueryBatch batch)
{
    /// <summary>
    /// Lean read for the trends page: shared check-ins of one bond in a range of local days, through the
    /// (bond_id, local_date) index. Nothing is decrypted; private check-ins have no share and never appear.
    /// </summary>
    public async Task<IReadOnlyList<TrendRow>> TrendsInBondAsync(Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default) =>
        await (
            from s in db.Set<CheckInShare>().AsNoTracking()
            where s.BondId == bondId && s.LocalDate >= firstDay && s.LocalDate <= lastDay
            join c in db.Set<CheckIn>().AsNoTracking() on s.CheckInId equals c.Id
            orderby s.LocalDate
            select new TrendRow(s.LocalDate, s.PersonId == viewerId, c.SurfaceFeelings, c.Intensity, s.Supported)).ToListAsync(ct);

    public async Task<MyCheckIn?> MineAsync(Guid personId, DateOnly date, CancellationToken ct = default)
    {
        // The check-in and where it is shared, in one query.
        var found = await db.Set<CheckIn>().AsNoTracking()
            .Where(c => c.PersonId == personId && c.LocalDate == date)
            .Select(c => new { CheckIn = c, Shares = db.Set<CheckInShare>().Where(s => s.CheckInId == c.Id).Select(s => new { s.BondId, s.Supported }).ToList() })
            .FirstOrDefaultAsync(ct);
        if (found is null)
            return null;
        var checkIn = found.CheckIn;
        var shares = found.Shares.ToDictionary(s => s.BondId, s => (int)s.Supported);
        var note = checkIn.NoteCipher is null ? null
            : await encryption.DecryptAsync(personId, CheckInRecorder.PersonalNoteField(checkIn.Id), checkIn.NoteCipher, ct);
        return new MyCheckIn(checkIn.Id, checkIn.LocalDate, checkIn.SurfaceFeelings, checkIn.UnderlyingFeelings, checkIn.Intensity, note, shares);
    }

    /// <summary>
    /// Shared check-ins of a bond between two local days (inclusive), newest first. The caller must already
    /// have checked that <paramref name="viewerId"/> is a member (404 otherwise); the query is scoped to
    /// the bond and reads only the range, through the (bond_id, local_date) index.
    /// </summary>
    public async Task<IReadOnlyList<SharedCheckIn>> SharedInBondAsync(Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var queued = QueueShared(batch, bondId, firstDay, lastDay);
        await batch.RunAsync(ct);
        return await SharedAsync(queued, bondId, viewerId, ct);
    }

    internal sealed record ShareRow(Guid CheckInId, DateOnly LocalDate, Guid PersonId, string DisplayName, string[] Surface, string[] Underlying,
        short Intensity, short Supported, byte[]? NoteCipher);

    internal sealed record ReflectionRow(Guid Id, Guid CheckInId, Guid AuthorId, string DisplayName, string Feeling, byte[]? WordsCipher, string? Response);

    /// <summary>What <see cref="QueueShared"/> queued: the shares in the range, and the reflections on them.</summary>
    public sealed class QueuedShared
    {
        internal QueryBatch.Queued<ShareRow> Shares { get; init; } = null!;
        internal QueryBatch.Queued<ReflectionRow> Reflections { get; init; } = null!;
    }

    /// <summary>Queues <see cref="SharedInBondAsync"/>'s reads (two statements, one round trip with the rest of the batch).</summary>
    public static QueuedShared QueueShared(QueryBatch batch, Guid bondId, DateOnly firstDay, DateOnly lastDay) => new()
    {
        Shares = batch.Add($"""
            select s.check_in_id, s.local_date, s.person_id, p.display_name, c.surface_feelings, c.underlying_feelings, c.intensity,
                   s.supported, s.note_cipher
            from check_in_shares s
            join check_ins c on c.id = s.check_in_id
            join people p on p.id = s.person_id
            where s.bond_id = {bondId} and s.local_date >= {firstDay} and s.local_date <= {lastDay}
            order by s.local_date desc, s.shared_at desc
            """, r => new ShareRow(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.GetGuid(2), r.Object<string>(3) ?? "",
                r.GetFieldValue<string[]>(4), r.GetFieldValue<string[]>(5), r.GetInt16(6), r.GetInt16(7), r.Object<byte[]>(8))),
        Reflections = batch.Add($"""
            select r.id, r.check_in_id, r.author_id, a.display_name, r.feeling, r.words_cipher, r.response
            from reflections r
            join check_in_shares s on s.check_in_id = r.check_in_id and s.bond_id = r.bond_id
            join people a on a.id = r.author_id
            where r.bond_id = {bondId} and s.local_date >= {firstDay} and s.local_date <= {lastDay}
            order by r.created_at
            """, r => new ReflectionRow(r.GetGuid(0), r.GetGuid(1), r.GetGuid(2), r.Object<string>(3) ?? "", r.GetString(4),
                r.Object<byte[]>(5), r.Object<string>(6))),
    };

    /// <summary>The shared check-ins <see cref="QueueShared"/> read, with their notes and reflections decrypted.</summary>
    public async Task<IReadOnlyList<SharedCheckIn>> SharedAsync(QueuedShared queued, Guid bondId, Guid viewerId, CancellationToken ct = default)
    {
        var rows = queued.Shares.Rows;
        if (rows.Count == 0)
            return [];
        var reflections = queued.Reflections.Rows.ToLookup(r => r.CheckInId);
        var result = new List<SharedCheckIn>(rows.Count);
        foreach (var row in rows)
        {
            var views = new List<ReflectionView>();
            foreach (var r in reflections[row.CheckInId])
                views.Add(new ReflectionView(r.Id, r.AuthorId == viewerId, r.DisplayName, r.Feeling,
                    r.WordsCipher is null ? null
                        : await encryption.DecryptAsync(bondId, ReflectionWriter.WordsField(r.Id), r.WordsCipher, ct),
                    r.Response));
            var note = row.NoteCipher is null ? null
                : await encryption.DecryptAsync(bondId, CheckInRecorder.SharedNoteField(row.CheckInId, bondId), row.NoteCipher, ct);
            result.Add(new SharedCheckIn(row.CheckInId, row.LocalDate, row.PersonId == viewerId, row.DisplayName,
                row.Surface, row.Underlying, row.Intensity, row.Supported, note, views));
        }
        return result;
    }

    public async Task<CheckInRhythm> RhythmAsync(Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var queued = QueueRhythm(batch, bondId, viewerId, firstDay, lastDay);
        await batch.RunAsync(ct);
        return queued.Single!;
    }

    /// <summary>The days both checked in, and how the reflections each wrote were read, in one query.</summary>
    public static QueryBatch.Queued<CheckInRhythm> QueueRhythm(QueryBatch batch, Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay)
    {
        var fromTime = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        return batch.Add($"""
            select
                (select count(*)::int from (select 1 from check_in_shares s
                    where s.bond_id = {bondId} and s.local_date >= {firstDay} and s.local_date <= {lastDay}
                    group by s.local_date having count(distinct s.person_id) >= 2) d),
                count(*) filter (where r.author_id = {viewerId})::int,
                count(*) filter (where r.author_id = {viewerId} and r.response = {ReflectionWriter.Yes})::int,
                count(*) filter (where r.author_id <> {viewerId})::int,
                count(*) filter (where r.author_id <> {viewerId} and r.response = {ReflectionWriter.Yes})::int
            from reflections r
            where r.bond_id = {bondId} and r.response is not null and r.created_at >= {fromTime}
            """, r => new CheckInRhythm(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4)));
    }

    /// <summary>Whether the person has checked in on <paramref name="date"/> (shared or not; reads nothing of it).</summary>
    public static QueryBatch.Queued<bool> QueueCheckedIn(QueryBatch batch, Guid personId, DateOnly date) =>
        batch.Add($"select exists (select 1 from check_ins c where c.person_id = {personId} and c.local_date = {date})", r => r.GetBoolean(0));
}
