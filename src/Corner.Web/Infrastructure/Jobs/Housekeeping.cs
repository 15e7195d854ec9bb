using System.Globalization;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Corner.Web.Infrastructure.Jobs;

/// <summary>How long finished work and spent records are kept before the daily housekeeping job removes them.</summary>
public sealed class HousekeepingOptions
{
    /// <summary>Finished jobs (sent, skipped, or set aside after their last attempt) are kept this long, for diagnosis.</summary>
    public TimeSpan DoneJobs { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Invitations are kept this long after they expire (used or not); the link stopped working at expiry.</summary>
    public TimeSpan ExpiredInvitations { get; set; } = TimeSpan.FromDays(7);

    /// <summary>"Last opened" marks of people who have left a space are kept this long after they were last set.</summary>
    public TimeSpan SeenMarksAfterLeaving { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Off only where several apps with their own clocks share one database (the test suite): a clock set
    /// years ahead would otherwise purge everyone's invitations.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The UTC hour the daily run is due.</summary>
    public int HourUtc { get; set; } = 3;
}

/// <summary>Something else housekeeping removes once it has expired (for example, export files once exports exist).</summary>
public interface IHousekeepingStep
{
    Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>Puts one housekeeping job per UTC day on the queue. Every node runs this, the dedupe key keeps one.</summary>
public sealed class HousekeepingSchedulingStep(CornerDbContext db, JobQueue queue, TimeProvider clock, IOptions<HousekeepingOptions> options)
    : IRecurringJobStep
{
    public async Task RunAsync(CancellationToken ct)
    {
        if (!options.Value.Enabled)
            return;
        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var runAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(options.Value.HourUtc, 0)), TimeSpan.Zero);
        await using var system = await db.SystemScopeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await queue.EnqueueAsync(HousekeepingJob.JobKind, new { Day = day }, runAt,
            "housekeeping:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>
/// Removes finished jobs, expired invitations and the "last opened" marks of people who left a space.
/// None of it is anything a person wrote; the audit trail is not touched (see README, "What Corner keeps").
/// Logs counts only.
/// </summary>
public sealed class HousekeepingJob(CornerDbContext db, TimeProvider clock, IOptions<HousekeepingOptions> options,
    IEnumerable<IHousekeepingStep> steps, ILogger<HousekeepingJob> logger) : IJobHandler
{
    public const string JobKind = "housekeeping.purge";

    public string Kind => JobKind;

    public async Task HandleAsync(JobContext job, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keep = options.Value;
        // The running job itself is not done yet, so it is never among these.
        var jobs = await db.Database.ExecuteSqlAsync(
            $"delete from jobs where done_at is not null and done_at < {now - keep.DoneJobs}", ct);
        var invitations = await db.Database.ExecuteSqlAsync(
            $"delete from invitations where expires_at < {now - keep.ExpiredInvitations}", ct);
        var seen = await db.Database.ExecuteSqlAsync($"""
            delete from check_ins_seen s
            where s.seen_at < {now - keep.SeenMarksAfterLeaving}
              and not exists (select 1 from bond_members m
                              where m.bond_id = s.bond_id and m.person_id = s.person_id and m.left_at is null)
            """, ct);
        var other = 0;
        foreach (var step in steps)
            other += await step.PurgeAsync(now, ct);
        logger.LogInformation("Housekeeping removed {Jobs} finished jobs, {Invitations} expired invitations, {Seen} seen marks, {Other} other",
            jobs, invitations, seen, other);
    }
}
