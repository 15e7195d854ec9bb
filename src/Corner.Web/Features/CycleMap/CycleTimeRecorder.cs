using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Live;
using Corner.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Features.CycleMap;

/// <summary>A time the cycle showed up: the day, the parts that were there, how soon they found their way back.</summary>
public sealed record CycleTimeInput(DateOnly? Date, IReadOnlyList<string> Parts, string? Reconnected, string? Note);

public enum CycleTimeProblem
{
    [NotFound]
    NotFound,
    DateMissing,
    DateInFuture,
    DateTooEarly,
    UnknownPart,
    ReconnectedMissing,
    UnknownReconnected,
    NoteTooLong,
    NoteHasControlCharacters,
}

public sealed record CycleTimeSaved(Guid TimeId, bool Created);

/// <summary>
/// Notes a time the cycle happened, for both members to see, and lets its noter take it away again. A submit
/// carries a request key: the same key twice (a double click, a retried request) records it once.
/// </summary>
public sealed class CycleTimeRecorder(CornerDbContext db, Bonds.SpaceAccessor spaces, FieldEncryption encryption, PersonalDay day, TimeProvider clock, LiveEvents live)
{
    public const int NoteMaxLength = 1000;
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static FieldAddress NoteField(Guid timeId) => new("cycle_times", "note", timeId);

    public static IReadOnlyList<CycleTimeProblem> Validate(CycleTimeInput input, DateOnly today)
    {
        var problems = new List<CycleTimeProblem>();
        if (input.Date is not { } date)
            problems.Add(CycleTimeProblem.DateMissing);
        else if (date > today)
            problems.Add(CycleTimeProblem.DateInFuture);
        else if (date < Earliest)
            problems.Add(CycleTimeProblem.DateTooEarly);
        if (input.Parts.Any(p => !CycleParts.IsKnown(p)))
            problems.Add(CycleTimeProblem.UnknownPart);
        if (string.IsNullOrEmpty(input.Reconnected))
            problems.Add(CycleTimeProblem.ReconnectedMissing);
        else if (!Reconnection.IsKnown(input.Reconnected))
            problems.Add(CycleTimeProblem.UnknownReconnected);
        if (FreeText.Normalize(input.Note) is { } note)
        {
            if (note.Length > NoteMaxLength)
                problems.Add(CycleTimeProblem.NoteTooLong);
            if (FreeText.HasControlCharacters(note))
                problems.Add(CycleTimeProblem.NoteHasControlCharacters);
        }
        return problems;
    }

    public async Task<(CycleTimeSaved? Saved, IReadOnlyList<CycleTimeProblem> Problems)> RecordAsync(
        Guid bondId, Guid personId, Guid requestKey, CycleTimeInput input, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return (null, [CycleTimeProblem.NotFound]);
        var problems = Validate(input, await day.TodayAsync(personId, ct));
        if (problems.Count > 0)
            return (null, problems);

        var key = requestKey == Guid.Empty ? Guid.NewGuid() : requestKey;
        var id = Guid.NewGuid();
        var parts = CycleParts.Ids.Where(input.Parts.Contains).ToArray();
        var note = FreeText.Normalize(input.Note);
        var cipher = note is null ? null : await encryption.EncryptAsync(bondId, NoteField(id), note, ct);
        // Flush a data key made just now, so the insert below (outside EF's unit of work) finds it there.
        await db.SaveChangesAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync($"""
            insert into cycle_times (id, bond_id, noted_by, request_key, local_date, parts, reconnected, note_cipher, created_at)
            values ({id}, {bondId}, {personId}, {key}, {input.Date!.Value}, {parts}, {input.Reconnected!}, {cipher}, {clock.GetUtcNow()})
            on conflict (bond_id, noted_by, request_key) do nothing
            """, ct);
        if (inserted == 0)
        {
            var existing = await db.Set<CycleTime>().AsNoTracking()
                .Where(t => t.BondId == bondId && t.NotedBy == personId && t.RequestKey == key)
                .Select(t => t.Id).FirstAsync(ct);
            return (new CycleTimeSaved(existing, Created: false), []);
        }
        await live.ToOthersAsync(bondId, personId, CycleMapFeature.TimeLiveKind, id, ct);
        return (new CycleTimeSaved(id, Created: true), []);
    }

    /// <summary>Takes away a time the person noted themselves; false when there is no such time of theirs here.</summary>
    public async Task<bool> DeleteAsync(Guid bondId, Guid personId, Guid timeId, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return false;
        var deleted = await db.Set<CycleTime>()
            .Where(t => t.Id == timeId && t.BondId == bondId && t.NotedBy == personId)
            .ExecuteDeleteAsync(ct);
        if (deleted > 0)
            await live.ToOthersAsync(bondId, personId, CycleMapFeature.TimeLiveKind, timeId, ct);
        return deleted > 0;
    }

}
