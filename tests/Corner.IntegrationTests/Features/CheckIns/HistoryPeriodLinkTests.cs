using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.CheckIns;

/// <summary>Issue 15, defect 2: switching history from week to month stays on the day being looked at.</summary>
public sealed class HistoryPeriodLinkTests : IDisposable
{
    private readonly ClockedAppFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task MonthLink_InAWeekThatStartedLastMonth_OpensThisMonthWithTodaysCheckIn()
    {
        var ada = await _factory.CreatePersonAsync("Ada");
        var ben = await _factory.CreatePersonAsync("Ben");
        var bond = await _factory.CreateBondAsync(ada, ben);
        await _factory.SetTimeZoneAsync(ada, "Europe/London");
        // Wednesday 2 December 2026: this week began on Monday 30 November.
        _factory.Clock.Now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var client = await _factory.SignedInClientAsync(ada);
        var saved = await client.CheckInThroughFormAsync(["joyful.hopeful"], "frost on the window this morning", shareWith: bond);
        Assert.True(saved.StatusCode.IsRedirect(), $"check-in answered {(int)saved.StatusCode}");

        var week = await client.GetPageAsync($"/spaces/{bond}/check-ins");
        Assert.Contains("frost on the window this morning", week.Body!.TextContent, StringComparison.Ordinal);
        var monthLink = week.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "Month").GetAttribute("href")!;

        var month = await client.GetPageAsync($"/spaces/{bond}/check-ins{monthLink}");
        Assert.Contains("1 Dec – 31 Dec 2026", month.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("frost on the window this morning", month.Body!.TextContent, StringComparison.Ordinal);
    }
}
