using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.CheckIns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Corner.IntegrationTests.Features.CheckIns;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

public sealed class ClockedAppFactory : CornerAppFactory
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }
}

/// <summary>A check-in belongs to the person's own calendar day, wherever they are.</summary>
public sealed class LocalDayTests : IDisposable
{
    private readonly ClockedAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private Task<CheckInSaved?> CheckInAsync(TestPerson person, string feeling, string note) =>
        _factory.InScopeAsync(person.Id, async sp =>
        {
            var (saved, problems) = await sp.GetRequiredService<CheckInRecorder>()
                .SaveAsync(person.Id, new CheckInInput([feeling], [], 3, note, []));
            Assert.Empty(problems);
            return saved;
        });

    private Task<List<(DateOnly Date, string[] Surface)>> CheckInsOfAsync(TestPerson person) =>
        _factory.InScopeAsync(person.Id, async sp =>
            (await sp.GetRequiredService<CornerDbContext>().Set<CheckIn>().Where(c => c.PersonId == person.Id)
                .OrderBy(c => c.LocalDate).Select(c => new { c.LocalDate, c.SurfaceFeelings }).ToListAsync())
            .Select(c => (c.LocalDate, c.SurfaceFeelings)).ToList());

    [Fact]
    public async Task CheckIn_AtTheSameInstantInAucklandAndLosAngeles_BelongsToEachPersonsOwnDay()
    {
        var kiri = await _factory.CreatePersonAsync("Kiri");
        var lou = await _factory.CreatePersonAsync("Lou");
        await _factory.SetTimeZoneAsync(kiri, "Pacific/Auckland");
        await _factory.SetTimeZoneAsync(lou, "America/Los_Angeles");
        _factory.Clock.Now = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero); // 01:00 on the 21st in Auckland, 04:00 on the 20th in LA

        var kiriSaved = await CheckInAsync(kiri, "joyful.hopeful", "morning");
        var louSaved = await CheckInAsync(lou, "sad.tired", "early");

        Assert.Equal(new DateOnly(2026, 11, 21), kiriSaved!.LocalDate);
        Assert.Equal(new DateOnly(2026, 11, 20), louSaved!.LocalDate);
    }

    [Fact]
    public async Task Editing_AfterLocalMidnight_MakesANewDaysCheckInAndLeavesYesterdayAlone()
    {
        var lou = await _factory.CreatePersonAsync("Lou");
        await _factory.SetTimeZoneAsync(lou, "America/Los_Angeles");
        _factory.Clock.Now = new DateTimeOffset(2026, 11, 21, 7, 50, 0, TimeSpan.Zero); // 23:50 on the 20th in LA
        var first = await CheckInAsync(lou, "sad.tired", "late night");
        var edited = await CheckInAsync(lou, "sad.lonely", "late night, edited");
        Assert.Equal(first!.CheckInId, edited!.CheckInId);
        Assert.False(edited.Created);

        _factory.Clock.Now = new DateTimeOffset(2026, 11, 21, 8, 10, 0, TimeSpan.Zero); // 00:10 on the 21st in LA
        var next = await CheckInAsync(lou, "peaceful.calm", "new day");

        Assert.True(next!.Created);
        Assert.Equal(new DateOnly(2026, 11, 21), next.LocalDate);
        var all = await CheckInsOfAsync(lou);
        Assert.Equal(2, all.Count);
        Assert.Equal(new DateOnly(2026, 11, 20), all[0].Date);
        Assert.Equal(["sad.lonely"], all[0].Surface);
        Assert.Equal(new DateOnly(2026, 11, 21), all[1].Date);
        Assert.Equal(["peaceful.calm"], all[1].Surface);
    }

    [Fact]
    public async Task SavingYesterday_AfterLocalMidnight_IsClosed()
    {
        var lou = await _factory.CreatePersonAsync("Lou");
        await _factory.SetTimeZoneAsync(lou, "America/Los_Angeles");
        _factory.Clock.Now = new DateTimeOffset(2026, 11, 21, 8, 10, 0, TimeSpan.Zero);

        var problems = await _factory.InScopeAsync(lou.Id, async sp => (await sp.GetRequiredService<CheckInRecorder>()
            .SaveAsync(lou.Id, new CheckInInput(["sad.tired"], [], 3, null, []), new DateOnly(2026, 11, 20))).Problems);

        Assert.Equal([CheckInProblem.DayClosed], problems);
    }
}
