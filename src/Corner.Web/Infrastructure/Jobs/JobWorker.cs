using System.Text.Json;
using Corner.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Corner.Web.Infrastructure.Jobs;

public sealed class JobOptions
{
    /// <summary>Run the background loop. Tests turn it off and call <see cref="JobWorker.RunDueJobsAsync"/>.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many due jobs one pass claims.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How long a claimed job is left alone by other workers; longer than any job takes.</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the recurring steps (such as scheduling reminders) run on each node.</summary>
    public TimeSpan RecurringInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After this many failed attempts a job is set aside (done, with its last error).</summary>
    public int MaxAttempts { get; set; } = 8;
}

/// <summary>A job as its handler sees it.</summary>
public sealed record JobContext(long Id, string Kind, JsonElement Payload, DateTimeOffset RunAt, int Attempt);

/// <summary>Does the work for one kind of job. Runs in its own DI scope, inside a transaction with
/// system scope on the scope's <see cref="CornerDbContext"/>; that transaction also marks the job done.</summary>
public interface IJobHandler
{
    string Kind { get; }
    Task HandleAsync(JobContext job, CancellationToken ct);
}

/// <summary>Work each node does every <see cref="JobOptions.RecurringInterval"/> (idempotent: several
/// nodes may run it at once), e.g. putting the next reminders on the queue.</summary>
public interface IRecurringJobStep
{
    Task RunAsync(CancellationToken ct);
}

/// <summary>
/// Runs due jobs from the queue. A pass claims up to <see cref="JobOptions.BatchSize"/> jobs with
/// <c>for update skip locked</c> and leases them (<c>locked_until</c>), so two nodes never take the same
/// job; each job then runs in its own transaction that also sets <c>done_at</c>, so a crash part-way
/// leaves the job to be run again once the lease ends, never lost. Failures retry with back-off.
/// Logs name job kinds and ids only.
/// </summary>
public sealed class JobWorker(IServiceScopeFactory scopes, TimeProvider clock, IOptions<JobOptions> options, ILogger<JobWorker> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim _pass = new(1, 1);
    private DateTimeOffset? _lastRecurring;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunDueJobsAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A database outage, say: try again on the next tick.
                logger.LogWarning("Job pass failed: {Error}", e.GetType().Name);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: the recurring steps when they are due, then every due job this node can claim.
    /// Returns how many jobs ran (successfully or not).</summary>
    public async Task<int> RunDueJobsAsync(CancellationToken ct)
    {
        await _pass.WaitAsync(ct);
        try
        {
            await RunRecurringStepsAsync(ct);
            var ran = 0;
            while (true)
            {
                var claimed = await ClaimAsync(ct);
                foreach (var job in claimed)
                    await RunAsync(job, ct);
                ran += claimed.Count;
                if (claimed.Count < options.Value.BatchSize)
                    return ran;
            }
        }
        finally
        {
            _pass.Release();
        }
    }

    private async Task RunRecurringStepsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_lastRecurring is { } last && now - last < options.Value.RecurringInterval)
            return;
        _lastRecurring = now;
        using var scope = scopes.CreateScope();
        foreach (var step in scope.ServiceProvider.GetServices<IRecurringJobStep>())
        {
            try
            {
                await step.RunAsync(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("Recurring step {Step} failed: {Error}", step.GetType().Name, e.GetType().Name);
            }
        }
    }

    private sealed record ClaimedJob(long Id, string Kind, string Payload, DateTimeOffset RunAt, int Attempts, DateTimeOffset LockedUntil);

    private async Task<List<ClaimedJob>> ClaimAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        var now = clock.GetUtcNow();
        // Whole microseconds, as PostgreSQL stores them, so the lease compares equal when finishing.
        var lockedUntil = TruncateToMicroseconds(now + options.Value.LockDuration);
        await using var system = await db.SystemScopeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var command = new NpgsqlCommand("""
            update jobs set locked_until = $1, attempts = attempts + 1
            where id in (
                select id from jobs
                where done_at is null and run_at <= $2
                  and (locked_until is null or locked_until <= $2)
                order by run_at
                limit $3
                for update skip locked)
            returning id, kind, payload::text, run_at, attempts
            """, connection, (NpgsqlTransaction)transaction.GetDbTransaction());
        command.Parameters.Add(new NpgsqlParameter { Value = lockedUntil });
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.BatchSize });
        var claimed = new List<ClaimedJob>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                claimed.Add(new ClaimedJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetInt32(4), lockedUntil));
        await transaction.CommitAsync(ct);
        return claimed.OrderBy(c => c.RunAt).ToList();
    }


    private async Task RunAsync(ClaimedJob job, CancellationToken ct)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
            var handler = scope.ServiceProvider.GetServices<IJobHandler>().FirstOrDefault(h => h.Kind == job.Kind)
                ?? throw new UnknownJobKindException();
            await using var system = await db.SystemScopeAsync(ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            using var payload = JsonDocument.Parse(job.Payload);
            await handler.HandleAsync(new JobContext(job.Id, job.Kind, payload.RootElement.Clone(), job.RunAt, job.Attempts), ct);
            await db.SaveChangesAsync(ct);
            // Only while our lease holds: if it ran out and another worker took over, that worker finishes.
            var marked = await db.Database.ExecuteSqlAsync($"""
                update jobs set done_at = {clock.GetUtcNow()}, locked_until = null, last_error = null
                where id = {job.Id} and done_at is null and locked_until = {job.LockedUntil}
                """, ct);
            if (marked == 1)
                await transaction.CommitAsync(ct);
            else
                logger.LogWarning("Job {JobId} ({Kind}) lost its lease before finishing", job.Id, job.Kind);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("Job {JobId} ({Kind}) failed on attempt {Attempt}: {Error}", job.Id, job.Kind, job.Attempts, e.GetType().Name);
            await RecordFailureAsync(job, e, ct);
        }
    }

    private async Task RecordFailureAsync(ClaimedJob job, Exception error, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CornerDbContext>();
        var now = clock.GetUtcNow();
        var giveUp = job.Attempts >= options.Value.MaxAttempts;
        DateTimeOffset? doneAt = giveUp ? now : null;
        // The exception's type only: messages can quote data.
        var lastError = error.GetType().Name;
        lastError = lastError.Length > 200 ? lastError[..200] : lastError;
        await using var system = await db.SystemScopeAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            update jobs set locked_until = null, last_error = {lastError}, run_at = {now + Backoff(job.Attempts)}, done_at = {doneAt}
            where id = {job.Id} and done_at is null and locked_until = {job.LockedUntil}
            """, ct);
        await transaction.CommitAsync(ct);
    }

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - value.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>30 s, 1 min, 2 min, … capped at an hour.</summary>
    internal static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempt - 1))));

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }
}

public sealed class UnknownJobKindException : Exception;

public static class JobsSetup
{
    /// <summary>Safe to call from several features: the worker is registered once.</summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(JobWorker)))
            return services;
        services.Configure<JobOptions>(configuration.GetSection("Corner:Jobs"));
        services.AddScoped<JobQueue>();
        services.Configure<HousekeepingOptions>(configuration.GetSection("Corner:Housekeeping"));
        services.AddScoped<IJobHandler, HousekeepingJob>();
        services.AddScoped<IRecurringJobStep, HousekeepingSchedulingStep>();
        services.AddSingleton<JobWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<JobWorker>());
        return services;
    }
}
