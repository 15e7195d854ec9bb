using System.Text.Json;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Infrastructure.Jobs;

/// <summary>Counts the runs of a test job and fails the first <see cref="FailuresLeft"/> of them.</summary>
public sealed class FlakyWork
{
    public int Runs;
    public int FailuresLeft;
    public List<string> Seen { get; } = [];
}

public sealed class FlakyJob(FlakyWork work) : IJobHandler
{
    public const string KindName = "test.flaky";
    public string Kind => KindName;

    public Task HandleAsync(JobContext job, CancellationToken ct)
    {
        Interlocked.Increment(ref work.Runs);
        lock (work.Seen) work.Seen.Add(job.Payload.GetProperty("marker").GetString()!);
        if (Interlocked.Decrement(ref work.FailuresLeft) >= 0)
            throw new InvalidOperationException("secret personal words that must not be stored");
        return Task.CompletedTask;
    }
}

public sealed class JobsAppFactory(ManualClock clock) : CornerAppFactory(new Dictionary<string, string?> { ["Corner:Jobs:Enabled"] = "false" })
{
    public ManualClock Clock { get; } = clock;
    public FlakyWork Work { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(Work);
        services.AddScoped<IJobHandler, FlakyJob>();
    }

    public Task<int> RunJobsAsync() => Services.GetRequiredService<JobWorker>().RunDueJobsAsync(CancellationToken.None);

    public Task<bool> EnqueueAsync(string marker, DateTimeOffset runAt, string? dedupeKey) =>
        InScopeAsync(null, sp => sp.GetRequiredService<JobQueue>().EnqueueAsync(FlakyJob.KindName, new { marker }, runAt, dedupeKey));

    public Task<(int Attempts, string? LastError, DateTimeOffset RunAt, bool Done)> JobAsync(string marker) =>
        InScopeAsync(null, async sp =>
        {
            var row = await sp.GetRequiredService<CornerDbContext>().Database
                .SqlQuery<JobRow>($"select attempts as \"Attempts\", last_error as \"LastError\", run_at as \"RunAt\", done_at is not null as \"Done\" from jobs where payload->>'marker' = {marker}")
                .SingleAsync();
            return (row.Attempts, row.LastError, row.RunAt, row.Done);
        });

    public sealed record JobRow(int Attempts, string? LastError, DateTimeOffset RunAt, bool Done);
}

[Collection(RemindersCollection.Name)]
public sealed class JobQueueTests
{
    private static readonly DateTimeOffset Start = new(2033, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Enqueue_WithAKeyUsedBefore_AddsNothingAndTheJobRunsOnce()
    {
        using var app = new JobsAppFactory(new ManualClock(Start));
        var marker = Guid.NewGuid().ToString();
        var key = "test:" + marker;

        Assert.True(await app.EnqueueAsync(marker, Start, key));
        Assert.False(await app.EnqueueAsync(marker, Start, key));
        await app.RunJobsAsync();
        Assert.False(await app.EnqueueAsync(marker, Start, key));
        await app.RunJobsAsync();

        Assert.Equal(1, app.Work.Seen.Count(m => m == marker));
    }

    [Fact]
    public async Task Job_BeforeItsTime_DoesNotRun()
    {
        using var app = new JobsAppFactory(new ManualClock(Start));
        var marker = Guid.NewGuid().ToString();
        await app.EnqueueAsync(marker, Start.AddMinutes(10), null);

        await app.RunJobsAsync();
        Assert.DoesNotContain(marker, app.Work.Seen);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunJobsAsync();
        Assert.Contains(marker, app.Work.Seen);
    }

    [Fact]
    public async Task Job_ThatFails_IsRetriedLaterWithoutStoringTheMessage()
    {
        using var app = new JobsAppFactory(new ManualClock(Start));
        app.Work.FailuresLeft = 2;
        var marker = Guid.NewGuid().ToString();
        await app.EnqueueAsync(marker, Start, null);

        await app.RunJobsAsync();
        var afterFirst = await app.JobAsync(marker);
        Assert.False(afterFirst.Done);
        Assert.Equal("InvalidOperationException", afterFirst.LastError);
        Assert.True(afterFirst.RunAt > Start, "A failed job waits before its next try");

        await app.RunJobsAsync(); // not due yet: the back-off holds
        Assert.Equal(1, app.Work.Seen.Count(m => m == marker));

        for (var i = 0; i < 5; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(5));
            await app.RunJobsAsync();
        }
        var final = await app.JobAsync(marker);
        Assert.True(final.Done);
        Assert.Null(final.LastError);
        Assert.Equal(3, final.Attempts);
        Assert.Equal(3, app.Work.Seen.Count(m => m == marker));
    }

    [Fact]
    public async Task Job_WhoseLeaseRanOut_IsRunAgainByTheNextWorker()
    {
        var clock = new ManualClock(Start);
        using var app = new JobsAppFactory(clock);
        var marker = Guid.NewGuid().ToString();
        await app.EnqueueAsync(marker, Start, null);
        // A node that claimed the job and crashed before finishing: the lease is taken, done_at never set.
        await app.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Database.ExecuteSqlAsync(
            $"update jobs set locked_until = {Start.AddMinutes(5)}, attempts = 1 where payload->>'marker' = {marker}"));

        await app.RunJobsAsync();
        Assert.DoesNotContain(marker, app.Work.Seen);

        clock.Advance(TimeSpan.FromMinutes(6));
        await app.RunJobsAsync();
        Assert.Contains(marker, app.Work.Seen);
        Assert.True((await app.JobAsync(marker)).Done);
    }

    [Fact]
    public async Task JobsTable_ActingAsAPerson_ShowsNothing()
    {
        using var app = new JobsAppFactory(new ManualClock(Start));
        await app.EnqueueAsync(Guid.NewGuid().ToString(), Start.AddYears(5), null);
        var person = await app.CreatePersonAsync();

        var asPerson = await app.InScopeAsync(person.Id, sp => sp.GetRequiredService<CornerDbContext>().Database
            .SqlQuery<long>($"select count(*) as \"Value\" from jobs").SingleAsync());
        var asSystem = await app.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Database
            .SqlQuery<long>($"select count(*) as \"Value\" from jobs").SingleAsync());

        Assert.Equal(0, asPerson);
        Assert.True(asSystem > 0);
    }
}
