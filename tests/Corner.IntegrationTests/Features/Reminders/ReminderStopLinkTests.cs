using System.Net;
using System.Text.RegularExpressions;
using Corner.IntegrationTests.Support;

namespace Corner.IntegrationTests.Features.Reminders;

[Collection(RemindersCollection.Name)]
public sealed partial class ReminderStopLinkTests
{
    private static readonly DateTimeOffset Morning = new(2032, 2, 3, 6, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2032, 2, 3, 19, 0, 0, TimeSpan.Zero);

    private static async Task<(ReminderAppFactory App, TestPerson Person, string StopPath)> ReminderSentAsync()
    {
        var app = new ReminderAppFactory(new ManualClock(Morning));
        var person = await app.CreatePersonInAsync("Europe/London");
        await app.SaveSettingsAsync(person, "19:00");
        app.Clock.Set(Due);
        await app.RunJobsAsync();
        var mail = Assert.Single(app.MailTo(person));
        var link = StopLink().Match(mail.Body);
        Assert.True(link.Success, "The reminder has a stop link");
        return (app, person, new Uri(link.Value).PathAndQuery);
    }

    [Fact]
    public async Task StopLink_WhenOpened_AsksToConfirmAndChangesNothing()
    {
        var (app, person, stopPath) = await ReminderSentAsync();
        using var _ = app;

        var response = await app.NewClient().GetAsync(stopPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Single(page.QuerySelectorAll("form[method=post] button[type=submit]"));
        Assert.True((await app.SettingOfAsync(person))!.Enabled);
    }

    [Fact]
    public async Task StopLink_WhenTheButtonIsPressed_TurnsRemindersOffAndNoMoreCome()
    {
        var (app, person, stopPath) = await ReminderSentAsync();
        using var _ = app;

        var response = await app.NewClient().SubmitFormAsync(stopPath, new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Reminders are off", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False((await app.SettingOfAsync(person))!.Enabled);
        app.Clock.Set(Due.AddDays(1));
        await app.RunJobsAsync();
        Assert.Single(app.MailTo(person));
    }

    [Fact]
    public async Task StopLink_WithAMailAppsOneClickPost_TurnsRemindersOff()
    {
        var (app, person, stopPath) = await ReminderSentAsync();
        using var _ = app;

        // RFC 8058: no cookies, no antiforgery token, just this body.
        var response = await app.NewClient().PostAsync(stopPath,
            new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await app.SettingOfAsync(person))!.Enabled);
    }

    [Theory]
    [InlineData("/reminders/stop/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/reminders/stop/not-a-token")]
    [InlineData("/reminders/stop/%F0%9F%92%94%3Cscript%3E")]
    public async Task StopLink_WithATokenThatIsNotOurs_AnswersNotFound(string path)
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var client = app.NewClient();

        var get = await client.GetAsync(path);
        var post = await client.PostAsync(path, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task StopLink_WithAVeryLongToken_AnswersNotFound()
    {
        using var app = new ReminderAppFactory(new ManualClock(Morning));
        var response = await app.NewClient().GetAsync("/reminders/stop/" + new string('x', 3000));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex(@"https://localhost/reminders/stop/[A-Za-z0-9_-]+")]
    private static partial Regex StopLink();
}
