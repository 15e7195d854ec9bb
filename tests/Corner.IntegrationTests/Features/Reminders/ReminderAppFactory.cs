using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Corner.Web.Features.Reminders;
using Corner.Web.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Reminders;

/// <summary>Reminder tests share the queue, so they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RemindersCollection
{
    public const string Name = "reminders";
}

/// <summary>
/// Corner with a hand-moved clock and no background job loop: a test runs the worker's pass itself.
/// Reminder tests use dates in 2030 and later, so the real-time workers of other test apps on the same
/// database never find their jobs due (and this app skips theirs: a reminder for a day that is over is dropped).
/// </summary>
public sealed class ReminderAppFactory : CornerAppFactory
{
    public ReminderAppFactory(ManualClock clock, IDictionary<string, string?>? settings = null)
        : base(WithJobsOff(settings))
    {
        Clock = clock;
    }

    public ManualClock Clock { get; }

    private static Dictionary<string, string?> WithJobsOff(IDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["Corner:Jobs:Enabled"] = "false" };
        // Its clock may be years ahead and the database is shared: housekeeping runs only where a test asks for it.
        all.TryAdd("Corner:Housekeeping:Enabled", "false");
        return all;
    }

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<TimeProvider>(Clock);

    public Task<int> RunJobsAsync() => Services.GetRequiredService<JobWorker>().RunDueJobsAsync(CancellationToken.None);

    public async Task<TestPerson> CreatePersonInAsync(string timeZone)
    {
        var person = await CreatePersonAsync();
        await InScopeAsync(null, async sp =>
        {
            var db = sp.GetRequiredService<CornerDbContext>();
            return await db.Users.Where(p => p.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.TimeZone, timeZone));
        });
        return person;
    }

    /// <summary>Saves settings the way the page does, acting as the person.</summary>
    public async Task SaveSettingsAsync(TestPerson person, string time, string? quietStart = null, string? quietEnd = null, bool enabled = true)
    {
        var problems = await InScopeAsync(person.Id, sp => sp.GetRequiredService<ReminderSettingsEditor>()
            .SaveAsync(person.Id, new ReminderSettingsInput(enabled, time, quietStart, quietEnd), CancellationToken.None));
        Assert.Empty(problems);
    }

    public Task CheckInAsync(TestPerson person, DateOnly localDate) =>
        InScopeAsync(person.Id, sp =>
        {
            var now = Clock.GetUtcNow();
            sp.GetRequiredService<CornerDbContext>().Add(new CheckIn
            {
                Id = Guid.NewGuid(),
                PersonId = person.Id,
                LocalDate = localDate,
                SurfaceFeelings = ["peaceful.calm"],
                UnderlyingFeelings = [],
                Intensity = 3,
                CreatedAt = now,
                UpdatedAt = now,
            });
            return Task.FromResult(0);
        });

    public Task<ReminderSetting?> SettingOfAsync(TestPerson person) =>
        InScopeAsync(person.Id, sp => sp.GetRequiredService<CornerDbContext>().Set<ReminderSetting>().AsNoTracking()
            .FirstOrDefaultAsync(s => s.PersonId == person.Id));

    public IReadOnlyList<Corner.Web.Features.Dev.DevMail.MailSummary> MailTo(TestPerson person) => Mailbox.For(this, person.Email);
}
