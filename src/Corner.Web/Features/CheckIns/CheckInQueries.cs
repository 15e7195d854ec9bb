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

public sealed class CheckInQueries(CornerDbContext db, FieldEncryption encryption)
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
        // The shares and the reflections on them, in one query.
        var rows = await (
            from s in db.Set<CheckInShare>().AsNoTracking()
            where s.BondId == bondId && s.LocalDate >= firstDay && s.LocalDate <= lastDay
            join c in db.Set<CheckIn>().AsNoTracking() on s.CheckInId equals c.Id
            join p in db.Users.AsNoTracking() on s.PersonId equals p.Id
            orderby s.LocalDate descending, s.SharedAt descending
            select new
            {
                Share = s,
                c.SurfaceFeelings,
                c.UnderlyingFeelings,
                c.Intensity,
                p.DisplayName,
                Reflections = (
                    from r in db.Set<Reflection>()
                    where r.BondId == bondId && r.CheckInId == s.CheckInId
                    join a in db.Users on r.AuthorId equals a.Id
                    orderby r.CreatedAt
                    select new { Reflection = r, a.DisplayName }).ToList(),
            }).ToListAsync(ct);
        if (rows.Count == 0)
            return [];

        var result = new List<SharedCheckIn>(rows.Count);
        foreach (var row in rows)
        {
            var views = new List<ReflectionView>();
            foreach (var r in row.Reflections)
                views.Add(new ReflectionView(r.Reflection.Id, r.Reflection.AuthorId == viewerId, r.DisplayName, r.Reflection.Feeling,
                    r.Reflection.WordsCipher is null ? null
                        : await encryption.DecryptAsync(bondId, ReflectionWriter.WordsField(r.Reflection.Id), r.Reflection.WordsCipher, ct),
                    r.Reflection.Response));
            var note = row.Share.NoteCipher is null ? null
                : await encryption.DecryptAsync(bondId, CheckInRecorder.SharedNoteField(row.Share.CheckInId, bondId), row.Share.NoteCipher, ct);
            result.Add(new SharedCheckIn(row.Share.CheckInId, row.Share.LocalDate, row.Share.PersonId == viewerId, row.DisplayName,
                row.SurfaceFeelings, row.UnderlyingFeelings, row.Intensity, row.Share.Supported, note, views));
        }
        return result;
    }

    public async Task<CheckInRhythm> RhythmAsync(Guid bondId, Guid viewerId, DateOnly firstDay, DateOnly lastDay, CancellationToken ct = default)
    {
        var fromTime = new DateTimeOffset(firstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-1);
        // The days both checked in, and how the reflections each wrote were read, in one query.
        return (await db.Database.SqlQuery<CheckInRhythm>($"""
            select
                (select count(*)::int from (select 1 from check_in_shares s
                    where s.bond_id = {bondId} and s.local_date >= {firstDay} and s.local_date <= {lastDay}
                    group by s.local_date having count(distinct s.person_id) >= 2) d) as "DaysBothCheckedIn",
                count(*) filter (where r.author_id = {viewerId})::int as "MyReflectionsAnswered",
                count(*) filter (where r.author_id = {viewerId} and r.response = {ReflectionWriter.Yes})::int as "MyReflectionsRight",
                count(*) filter (where r.author_id <> {viewerId})::int as "TheirReflectionsAnswered",
                count(*) filter (where r.author_id <> {viewerId} and r.response = {ReflectionWriter.Yes})::int as "TheirReflectionsRight"
            from reflections r
            where r.bond_id = {bondId} and r.response is not null and r.created_at >= {fromTime}
            """).ToListAsync(ct)).Single();
    }
}
