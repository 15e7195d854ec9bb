using Corner.Web.Features.Reminders;
using Corner.Web.Infrastructure.Jobs;

namespace Corner.UnitTests.Features.Reminders;

public sealed class ReminderTimingTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Europe/London", 2030, 1, 15, "2030-01-15T19:00:00Z")]
    [InlineData("Europe/London", 2030, 7, 15, "2030-07-15T18:00:00Z")]
    [InlineData("America/New_York", 2030, 1, 15, "2030-01-16T00:00:00Z")]
    [InlineData("America/New_York", 2030, 7, 15, "2030-07-15T23:00:00Z")]
    [InlineData("Asia/Kolkata", 2030, 1, 15, "2030-01-15T13:30:00Z")]
    [InlineData("Asia/Kolkata", 2030, 7, 15, "2030-07-15T13:30:00Z")]
    public void InstantOf_SevenInTheEvening_FollowsTheZoneAndSeason(string zone, int y, int m, int d, string expected)
    {
        var at = ReminderTiming.InstantOf(new DateOnly(y, m, d), new TimeOnly(19, 0), Zone(zone));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData("America/New_York", 2030, 3, 10, 2, 30, "2030-03-10T07:00:00Z")] // 02:00-03:00 skipped
    [InlineData("Europe/London", 2030, 3, 31, 1, 15, "2030-03-31T01:00:00Z")]    // 01:00-02:00 skipped
    public void InstantOf_ATimeTheSpringChangeSkips_MovesToTheFirstMomentAfterTheGap(string zone, int y, int m, int d, int h, int mi, string expected)
    {
        var at = ReminderTiming.InstantOf(new DateOnly(y, m, d), new TimeOnly(h, mi), Zone(zone));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData("America/New_York", 2030, 11, 3, "2030-11-03T05:30:00Z")] // 01:30 EDT, not 01:30 EST
    [InlineData("Europe/London", 2030, 10, 27, "2030-10-27T00:30:00Z")]   // 01:30 BST, not 01:30 GMT
    public void InstantOf_ATimeTheAutumnChangeRepeats_IsTheFirstOfTheTwo(string zone, int y, int m, int d, string expected)
    {
        var at = ReminderTiming.InstantOf(new DateOnly(y, m, d), new TimeOnly(1, 30), Zone(zone));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Fact]
    public void Next_JustAfterTheFirstOfTwoRepeatedTimes_IsTheNextDayNotTheRepeat()
    {
        var next = ReminderTiming.Next(Utc(2030, 11, 3, 5, 31), Zone("America/New_York"), new TimeOnly(1, 30), null, null);
        Assert.Equal(new DateOnly(2030, 11, 4), next.LocalDate);
        Assert.Equal(Utc(2030, 11, 4, 6, 30), next.At);
    }

    [Fact]
    public void Next_BeforeTodaysTime_IsToday_AndAfterIt_IsTomorrow()
    {
        var zone = Zone("Asia/Kolkata");
        var before = ReminderTiming.Next(Utc(2030, 1, 15, 13, 29), zone, new TimeOnly(19, 0), null, null);
        var after = ReminderTiming.Next(Utc(2030, 1, 15, 13, 31), zone, new TimeOnly(19, 0), null, null);
        Assert.Equal((new DateOnly(2030, 1, 15), Utc(2030, 1, 15, 13, 30)), (before.LocalDate, before.At));
        Assert.Equal((new DateOnly(2030, 1, 16), Utc(2030, 1, 16, 13, 30)), (after.LocalDate, after.At));
    }

    [Fact]
    public void Next_NearMidnightInNewYork_UsesTheLocalDateNotTheUtcDate()
    {
        // 23:00 on 15 January in New York is 04:00 UTC on the 16th.
        var next = ReminderTiming.Next(Utc(2030, 1, 16, 3, 0), Zone("America/New_York"), new TimeOnly(23, 0), null, null);
        Assert.Equal(new DateOnly(2030, 1, 15), next.LocalDate);
        Assert.Equal(Utc(2030, 1, 16, 4, 0), next.At);
    }

    [Theory]
    [InlineData("23:30", "22:00", "07:00", "07:00")] // wraps midnight, evening side
    [InlineData("06:59", "22:00", "07:00", "07:00")] // wraps midnight, morning side
    [InlineData("22:00", "22:00", "07:00", "07:00")] // the start is quiet
    [InlineData("07:00", "22:00", "07:00", "07:00")] // the end is not
    [InlineData("21:59", "22:00", "07:00", "21:59")]
    [InlineData("13:30", "13:00", "14:00", "14:00")] // a daytime quiet spell
    [InlineData("14:30", "13:00", "14:00", "14:30")]
    public void EffectiveTime_InsideQuietHours_MovesToTheirEnd(string time, string start, string end, string expected)
    {
        var effective = ReminderTiming.EffectiveTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), effective);
    }

    [Fact]
    public void Next_WithQuietHoursOverMidnight_FiresNextMorningForThatDay()
    {
        var next = ReminderTiming.Next(Utc(2030, 1, 20, 12, 0), Zone("Europe/London"), new TimeOnly(23, 30), new TimeOnly(22, 0), new TimeOnly(7, 0));
        Assert.Equal(new DateOnly(2030, 1, 21), next.LocalDate);
        Assert.Equal(Utc(2030, 1, 21, 7, 0), next.At);
    }

    [Theory]
    [InlineData("19:30", null, null, 0)]
    [InlineData("", null, null, 1)]
    [InlineData("25:00", null, null, 1)]
    [InlineData("7pm", null, null, 1)]
    [InlineData("19:30", "22:00", null, 1)]
    [InlineData("19:30", "22:00", "22:00", 1)]
    [InlineData("19:30", "22:00", "07:00", 0)]
    [InlineData("19:30:00", "22:00", "bad", 1)]
    public void Validate_SettingsAsTyped_NamesEachProblem(string time, string? start, string? end, int problems)
    {
        var (_, _, _, found) = ReminderSettingsEditor.Validate(new ReminderSettingsInput(true, time, start, end));
        Assert.Equal(problems, found.Count);
    }

    [Fact]
    public void Backoff_AfterEachFailure_WaitsLongerUpToAnHour()
    {
        var waits = Enumerable.Range(1, 12).Select(JobWorker.Backoff).ToList();
        Assert.Equal(TimeSpan.FromSeconds(30), waits[0]);
        Assert.True(waits.Zip(waits.Skip(1)).All(p => p.Second >= p.First));
        Assert.Equal(TimeSpan.FromHours(1), waits[^1]);
    }
}
