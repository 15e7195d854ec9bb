using Corner.Web.Data;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Live;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Corner.Web.Features.Reconnection;

public enum PauseProblem
{
    [NotFound]
    NotFound,
    LengthOutOfRange,
    /// <summary>The other member already asked for a pause that is still running.</summary>
    [Conflict]
    AlreadyPaused,
    /// <summary>The space has only one current member: there is nobody to tell.</summary>
    [Conflict]
    NobodyToTell,
    /// <summary>"I'm ready" before the time is up.</summary>
    [Conflict]
    NotOverYet,
}

/// <summary>A pause as one member sees it, at <see cref="Now"/> (the server's time).</summary>
public sealed record PauseView(
    Guid Id,
    bool StartedByMe,
    string StartedByName,
    DateTimeOffset StartedAt,
    DateTimeOffset EndsAt,
    DateTimeOffset Now,
    bool ReadyMe,
    bool ReadyOther,
    string OtherName)
{
    public bool TimeUp => Now >= EndsAt;
    public int RemainingSeconds => TimeUp ? 0 : (int)Math.Ceiling((EndsAt - Now).TotalSeconds);
    public int TotalSeconds => (int)Math.Ceiling((EndsAt - StartedAt).TotalSeconds);

    /// <summary>Whole minutes left, rounded up, so "1 minute" shows until the very end.</summary>
    public int MinutesLeft => (RemainingSeconds + 59) / 60;
}

/// <summary>
/// The pause signal: "I'm flooded and need a pause; I'll come back". Either member starts one (20, 30, 60 minutes
/// or their own length), either ends it early, and when the time is up each says "I'm ready" or "I need a little
/// longer". It ends when both are ready. A bond has one open pause at a time: the database refuses a second one
/// even when two arrive at the same moment. The time is always the server's (<see cref="TimeProvider"/>).
/// </summary>
public sealed class PauseSignal(CornerDbContext db, Bonds.SpaceAccessor spaces, TimeProvider clock, LiveEvents live)
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 240;
    public const int LongerMinutes = 15;
    public static readonly int[] SuggestedMinutes = [20, 30, 60];

    /// <summary>The partial unique index in 0012_reconnection.sql.</summary>
    public const string OneOpenPauseIndex = "ux_pauses_one_open_per_bond";

    /// <summary>A pause whose time ran out this long ago without answers no longer asks anyone anything.</summary>
    public static readonly TimeSpan Forgotten = TimeSpan.FromHours(12);

    public const string StartedKind = "pause_started";
    public const string EndedKind = "pause_ended";
    public const string ReadyKind = "pause_ready";
    public const string LongerKind = "pause_longer";

    public static bool IsValidLength(int minutes) => minutes is >= MinMinutes and <= MaxMinutes;

    /// <summary>The space's open pause (running, or over and waiting for answers), or null.</summary>
    public async Task<PauseView?> CurrentAsync(Guid bondId, Guid personId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        var pause = await OpenAsync(bondId, now, ct);
        return pause is null ? null : await ViewAsync(pause, personId, now, ct);
    }

    /// <summary>Queues the read of the space's open pause at <paramref name="now"/>, with the space home's other cards.</summary>
    public static QueryBatch.Queued<Pause> QueueCurrent(QueryBatch batch, Guid bondId, DateTimeOffset now)
    {
        var since = now - Forgotten;
        return batch.Add($"""
            select p.id, p.started_by, p.started_at, p.ends_at, p.ready from pauses p
            where p.bond_id = {bondId} and p.ended_at is null and p.ends_at > {since}
            order by p.started_at desc limit 1
            """, r => new Pause
        {
            Id = r.GetGuid(0),
            BondId = bondId,
            StartedBy = r.GetGuid(1),
            StartedAt = r.GetFieldValue<DateTimeOffset>(2),
            EndsAt = r.GetFieldValue<DateTimeOffset>(3),
            Ready = r.GetFieldValue<Guid[]>(4),
        });
    }

    /// <summary>The open pause <see cref="QueueCurrent"/> read at <paramref name="now"/>, or null.</summary>
    public async Task<PauseView?> CurrentAsync(QueryBatch.Queued<Pause> queued, Guid personId, DateTimeOffset now, CancellationToken ct = default) =>
        queued.Single is { } pause ? await ViewAsync(pause, personId, now, ct) : null;

    /// <summary>Starts a pause of <paramref name="minutes"/>. Pressing again while one's own pause runs changes nothing.</summary>
    public async Task<(PauseView? Pause, bool Created, PauseProblem? Problem)> StartAsync(Guid bondId, Guid personId, int minutes, CancellationToken ct = default)
    {
        if (!await spaces.IsMemberAsync(bondId, personId, ct))
            return (null, false, PauseProblem.NotFound);
        if (!IsValidLength(minutes))
            return (null, false, PauseProblem.LengthOutOfRange);
        if ((await spaces.MembersAsync(bondId, personId, ct)).Other is null)
            return (null, false, PauseProblem.NobodyToTell);

        var now = clock.GetUtcNow();
        if (await OpenAsync(bondId, now, ct) is { } open && now < open.EndsAt)
            return open.StartedBy == personId
                ? (await ViewAsync(open, personId, now, ct), false, null)
                : (await ViewAsync(open, personId, now, ct), false, PauseProblem.AlreadyPaused);

        // A pause whose time is up (or long forgotten) gives way to the new one.
        await db.Set<Pause>().Where(p => p.BondId == bondId && p.EndedAt == null && p.EndsAt <= now)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.EndedAt, now), ct);

        var pause = new Pause
        {
            Id = Guid.NewGuid(),
            BondId = bondId,
            StartedBy = personId,
            StartedAt = now,
            EndsAt = now.AddMinutes(minutes),
            Ready = [],
        };
        db.Add(pause);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: OneOpenPauseIndex })
        {
            // The other member's pause arrived first (EF saved inside a savepoint: our transaction is still usable).
            db.Entry(pause).State = EntityState.Detached;
            var first = await OpenAsync(bondId, now, ct);
            return first is not null && first.StartedBy == personId
                ? (await ViewAsync(first, personId, now, ct), false, null)
                : (first is null ? null : await ViewAsync(first, personId, now, ct), false, PauseProblem.AlreadyPaused);
        }
        await live.ToOthersAsync(bondId, personId, StartedKind, pause.Id, ct);
        return (await ViewAsync(pause, personId, now, ct), true, null);
    }

    /// <summary>Ends the pause now, before (or after) its time. Ending one that has already ended changes nothing.</summary>
    public async Task<PauseProblem?> EndAsync(Guid bondId, Guid pauseId, Guid personId, CancellationToken ct = default)
    {
        if (await FindAsync(bondId, pauseId, personId, ct) is not { } pause)
            return PauseProblem.NotFound;
        if (pause.EndedAt is not null)
            return null;
        pause.EndedAt = clock.GetUtcNow();
        pause.EndedBy = personId;
        await db.SaveChangesAsync(ct);
        await live.ToOthersAsync(bondId, personId, EndedKind, pause.Id, ct);
        return null;
    }

    /// <summary>"I'm ready": once the time is up. When both are ready, the pause is over.</summary>
    public async Task<(PauseView? Pause, PauseProblem? Problem)> ReadyAsync(Guid bondId, Guid pauseId, Guid personId, CancellationToken ct = default)
    {
        if (await FindAsync(bondId, pauseId, personId, ct) is not { } pause)
            return (null, PauseProblem.NotFound);
        var now = clock.GetUtcNow();
        if (pause.EndedAt is not null)
            return (null, null);
        if (now < pause.EndsAt)
            return (await ViewAsync(pause, personId, now, ct), PauseProblem.NotOverYet);
        if (pause.Ready.Contains(personId))
            return (await ViewAsync(pause, personId, now, ct), null);

        pause.Ready = [.. pause.Ready, personId];
        var members = await db.BondMembers.Where(m => m.BondId == bondId && m.LeftAt == null).Select(m => m.PersonId).ToListAsync(ct);
        var everyone = members.All(pause.Ready.Contains);
        if (everyone)
            pause.EndedAt = now;
        await db.SaveChangesAsync(ct);
        await live.ToOthersAsync(bondId, personId, everyone ? EndedKind : ReadyKind, pause.Id, ct);
        return (everyone ? null : await ViewAsync(pause, personId, now, ct), null);
    }

    /// <summary>"I need a little longer": once the time is up, another <see cref="LongerMinutes"/> minutes from now.
    /// While the pause still runs (a second press, say), nothing changes.</summary>
    public async Task<(PauseView? Pause, PauseProblem? Problem)> LongerAsync(Guid bondId, Guid pauseId, Guid personId, CancellationToken ct = default)
    {
        if (await FindAsync(bondId, pauseId, personId, ct) is not { } pause)
            return (null, PauseProblem.NotFound);
        var now = clock.GetUtcNow();
        if (pause.EndedAt is not null)
            return (null, null);
        if (now < pause.EndsAt)
            return (await ViewAsync(pause, personId, now, ct), null);
        pause.EndsAt = now.AddMinutes(LongerMinutes);
        pause.Ready = [];
        await db.SaveChangesAsync(ct);
        await live.ToOthersAsync(bondId, personId, LongerKind, pause.Id, ct);
        return (await ViewAsync(pause, personId, now, ct), null);
    }

    /// <summary>The pause, locked until the transaction ends: two answers at the same moment (both "I'm ready")
    /// are applied one after the other, so neither is lost.</summary>
    private async Task<Pause?> FindAsync(Guid bondId, Guid pauseId, Guid personId, CancellationToken ct) =>
        await spaces.IsMemberAsync(bondId, personId, ct)
            ? await db.Set<Pause>().FromSql($"select * from pauses where id = {pauseId} and bond_id = {bondId} for update").FirstOrDefaultAsync(ct)
            : null;

    private Task<Pause?> OpenAsync(Guid bondId, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - Forgotten;
        var query = db.Set<Pause>().Where(p => p.BondId == bondId && p.EndedAt == null && p.EndsAt > since);
        return query.AsNoTracking().OrderByDescending(p => p.StartedAt).FirstOrDefaultAsync(ct);
    }

    private async Task<PauseView> ViewAsync(Pause pause, Guid personId, DateTimeOffset now, CancellationToken ct)
    {
        var people = await (
            from m in db.BondMembers
            where m.BondId == pause.BondId && (m.LeftAt == null || m.PersonId == pause.StartedBy)
            join p in db.Users on m.PersonId equals p.Id
            select new { m.PersonId, p.DisplayName, m.LeftAt }).ToListAsync(ct);
        var other = people.FirstOrDefault(p => p.PersonId != personId && p.LeftAt == null);
        return new PauseView(
            pause.Id,
            pause.StartedBy == personId,
            people.FirstOrDefault(p => p.PersonId == pause.StartedBy)?.DisplayName ?? "",
            pause.StartedAt,
            pause.EndsAt,
            now,
            pause.Ready.Contains(personId),
            other is not null && pause.Ready.Contains(other.PersonId),
            other?.DisplayName ?? "");
    }

}
