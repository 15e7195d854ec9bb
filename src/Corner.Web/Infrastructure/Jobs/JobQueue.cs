using System.Text.Json;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Corner.Web.Infrastructure.Jobs;

/// <summary>
/// Puts work on the PostgreSQL-backed queue, inside the caller's transaction, so a job exists exactly
/// when the change that asked for it was committed. The caller must act with system scope
/// (<see cref="DbScopeExtensions.SystemScopeAsync"/>): the jobs table is invisible to everyone else.
/// Payloads carry ids and dates only, never anything a person wrote.
/// </summary>
public sealed class JobQueue(CornerDbContext db)
{
    /// <summary>Adds a job unless one with the same <paramref name="dedupeKey"/> was ever added.
    /// Returns whether a new job was added.</summary>
    public async Task<bool> EnqueueAsync(string kind, object payload, DateTimeOffset runAt, string? dedupeKey, CancellationToken ct = default)
    {
        var json = JsonSerializer.Serialize(payload);
        var added = await db.Database.ExecuteSqlAsync($"""
            insert into jobs (kind, payload, run_at, dedupe_key)
            values ({kind}, {json}::jsonb, {runAt.ToUniversalTime()}, {dedupeKey})
            on conflict (dedupe_key) do nothing
            """, ct);
        return added == 1;
    }

    /// <summary>Removes jobs of <paramref name="kind"/> with these keys that have not started, so the
    /// keys can be enqueued again with a new time. Jobs that ran (or are running) keep their keys.</summary>
    public Task<int> CancelPendingAsync(string kind, IReadOnlyCollection<string> dedupeKeys, DateTimeOffset now, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"""
            delete from jobs
            where kind = {kind} and dedupe_key = any({dedupeKeys.ToArray()})
              and done_at is null and (locked_until is null or locked_until <= {now.ToUniversalTime()})
            """, ct);
}
