using System.Net;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Reminders;

[Collection(RemindersCollection.Name)]
public sealed class ReminderSettingsPageTests
{
    // Signed-in cookies are minted with the real time, so these tests keep the app's clock near it.
    private static ReminderAppFactory NewApp() => new(new ManualClock(DateTimeOffset.UtcNow));

    [Fact]
    public async Task SettingsPage_ForSomeoneNew_IsOffAndShowsTheirTimeZone()
    {
        using var app = NewApp();
        var person = await app.CreatePersonInAsync("Asia/Kolkata");
        var client = await app.SignedInClientAsync(person);

        var page = await client.GetPageAsync("/reminders");

        Assert.False(((IHtmlInputElement)page.QuerySelector("input[name=Enabled]")!).IsChecked);
        Assert.Equal("time", page.QuerySelector("input[name=LocalTime]")!.GetAttribute("type"));
        Assert.Contains("Asia/Kolkata", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsPage_WhenSaved_KeepsTheChoices()
    {
        using var app = NewApp();
        var person = await app.CreatePersonInAsync("Europe/London");
        var client = await app.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/reminders", new Dictionary<string, string>
        {
            ["Enabled"] = "true",
            ["LocalTime"] = "20:15",
            ["QuietStart"] = "22:00",
            ["QuietEnd"] = "07:00",
        }, formAction: "/reminders");

        Assert.True(response.StatusCode.IsRedirect(), $"Expected a redirect, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var page = await client.GetPageAsync("/reminders");
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=Enabled]")!).IsChecked);
        Assert.Equal("20:15", ((IHtmlInputElement)page.QuerySelector("input[name=LocalTime]")!).Value);
        Assert.Equal("22:00", ((IHtmlInputElement)page.QuerySelector("input[name=QuietStart]")!).Value);
        Assert.Equal("07:00", ((IHtmlInputElement)page.QuerySelector("input[name=QuietEnd]")!).Value);
        var setting = await app.SettingOfAsync(person);
        Assert.True(setting!.Enabled);
        Assert.Equal(new TimeOnly(20, 15), setting.LocalTime);
    }

    [Fact]
    public async Task SettingsPage_WithHalfOfTheQuietHours_ExplainsAndKeepsWhatWasTyped()
    {
        using var app = NewApp();
        var person = await app.CreatePersonInAsync("Europe/London");
        var client = await app.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/reminders", new Dictionary<string, string>
        {
            ["Enabled"] = "true",
            ["LocalTime"] = "21:45",
            ["QuietStart"] = "23:00",
            ["QuietEnd"] = "",
        }, formAction: "/reminders");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("both when they start and when they end", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("21:45", ((IHtmlInputElement)page.QuerySelector("input[name=LocalTime]")!).Value);
        Assert.Equal("23:00", ((IHtmlInputElement)page.QuerySelector("input[name=QuietStart]")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("input[name=Enabled]")!).IsChecked);
        Assert.Null(await app.SettingOfAsync(person));
    }

    [Theory]
    [InlineData("25:99")]
    [InlineData("")]
    [InlineData("<script>alert(1)</script>")]
    public async Task SettingsPage_WithATimeThatIsNotATime_AnswersWithAMessageNotAnError(string time)
    {
        using var app = NewApp();
        var person = await app.CreatePersonInAsync("Europe/London");
        var client = await app.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/reminders", new Dictionary<string, string>
        {
            ["Enabled"] = "true",
            ["LocalTime"] = time,
        }, formAction: "/reminders");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.Null(await app.SettingOfAsync(person));
    }

    [Fact]
    public async Task SettingsPage_WithATamperedSwitch_AnswersWithAMessageAndKeepsTheTime()
    {
        using var app = NewApp();
        var person = await app.CreatePersonInAsync("Europe/London");
        var client = await app.SignedInClientAsync(person);

        var response = await client.SubmitFormAsync("/reminders", new Dictionary<string, string>
        {
            ["Enabled"] = "perhaps",
            ["LocalTime"] = "08:10",
        }, formAction: "/reminders");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotNull(page.QuerySelector("[role=alert]"));
        Assert.Equal("08:10", ((IHtmlInputElement)page.QuerySelector("input[name=LocalTime]")!).Value);
    }

    [Fact]
    public async Task ReminderSettings_OfSomeoneElse_AreInvisibleInTheDatabase()
    {
        using var app = NewApp();
        var owner = await app.CreatePersonInAsync("Europe/London");
        var other = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(owner, "19:00");

        var asOther = await app.InScopeAsync(other.Id, sp => sp.GetRequiredService<CornerDbContext>().Set<ReminderSetting>()
            .CountAsync(s => s.PersonId == owner.Id));

        Assert.NotNull(await app.SettingOfAsync(owner));
        Assert.Equal(0, asOther);
    }

    [Fact]
    public async Task SettingsPage_WhenNotSignedIn_SendsToSignIn()
    {
        using var app = NewApp();
        var response = await app.NewClient().GetAsync("/reminders");
        Assert.True(response.StatusCode.IsRedirect(), $"Expected a redirect, got {(int)response.StatusCode}");
    }
}
