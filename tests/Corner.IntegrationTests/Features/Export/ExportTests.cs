using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Corner.IntegrationTests.Features.Reminders;
using Corner.IntegrationTests.Support;
using Corner.Web.Data;
using Corner.Web.Features.Export;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using CheckInsTestKit = Corner.IntegrationTests.Features.CheckIns.CheckInsTestKit;

namespace Corner.IntegrationTests.Features.Export;

/// <summary>
/// Issue 14, item 2: one button makes a ZIP of everything that is yours (JSON and a readable HTML copy), built by the
/// job queue, sealed until downloaded, downloadable by its owner only for 24 hours, then destroyed; a content-free
/// email says it is ready. The job loop is off and the clock is an hour ahead, so no other test app (on real time) finds
/// these jobs due before this one runs them; the sign-in cookies stay valid.
/// </summary>
[Collection(RemindersCollection.Name)]
public sealed class ExportTests
{
    private static readonly DateTimeOffset Noon = DateTimeOffset.UtcNow.AddHours(1);

    private sealed record World(ReminderAppFactory App, TestPerson Ana, TestPerson Ben, HttpClient AnaClient, HttpClient BenClient, Guid Bond);

    private static async Task<World> TwoPeopleWithWordsAsync(ReminderAppFactory app)
    {
        var ana = await app.CreatePersonAsync("Ana");
        var ben = await app.CreatePersonAsync("Ben");
        var bond = await app.CreateSpaceAsync("Ana and Ben", ana, ben);
        var anaClient = await app.SignedInClientAsync(ana);
        var benClient = await app.SignedInClientAsync(ben);

        (await anaClient.PostAsJsonAsync("/api/v1/check-ins", CheckInsTestKit.ApiCheckIn(["mad.annoyed"], "the kettle <script>alert(1)</script> again", shareWith: bond)))
            .EnsureSuccessStatusCode();
        (await benClient.PostAsJsonAsync("/api/v1/check-ins", CheckInsTestKit.ApiCheckIn(["peaceful.content"], "ben keeps this river note to himself")))
            .EnsureSuccessStatusCode();
        (await benClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/appreciations", new { kind = "appreciate", words = "thank you for the lemon tea" }))
            .EnsureSuccessStatusCode();
        (await anaClient.PostAsJsonAsync($"/api/v1/spaces/{bond}/appreciations", new { kind = "appreciate", words = "you fixed the squeaky gate" }))
            .EnsureSuccessStatusCode();
        return new World(app, ana, ben, anaClient, benClient, bond);
    }

    private static async Task<(JsonElement Json, string Html)> ReadZipAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        Assert.Equal(["README.txt", "export.json", "index.html"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }
        return (JsonDocument.Parse(Read("export.json")).RootElement.Clone(), Read("index.html"));
    }

    [Fact]
    public async Task Export_HoldsYourWordsAndWhatWasSharedWithYou_NeverTheirPrivateOnes_AndOnlyYouCanDownloadIt()
    {
        using var app = new ReminderAppFactory(new ManualClock(Noon));
        var world = await TwoPeopleWithWordsAsync(app);

        var asked = await world.AnaClient.PostAsync("/api/v1/account/export", null);
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var again = await world.AnaClient.PostAsync("/api/v1/account/export", null);
        var first = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(first, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
        Assert.Equal("queued", (await world.AnaClient.GetFromJsonAsync<JsonElement>("/api/v1/account/export")).GetProperty("state").GetString());

        await app.RunJobsAsync();

        var status = await world.AnaClient.GetFromJsonAsync<JsonElement>("/api/v1/account/export");
        Assert.Equal("ready", status.GetProperty("state").GetString());
        Assert.Equal(100, status.GetProperty("progress").GetInt32());
        var file = status.GetProperty("file").GetString()!;
        var download = await world.AnaClient.GetAsync(file);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType?.MediaType);
        Assert.True(download.Headers.CacheControl?.NoStore, "an export must never be kept by a cache");
        var (json, html) = await ReadZipAsync(download);

        Assert.Equal("corner-export/1", json.GetProperty("schema").GetString());
        Assert.Equal("Ana", json.GetProperty("person").GetProperty("displayName").GetString());
        var text = json.GetRawText();
        Assert.Contains("the kettle <script>alert(1)</script> again", text, StringComparison.Ordinal);
        Assert.Contains("you fixed the squeaky gate", text, StringComparison.Ordinal);
        Assert.Contains("thank you for the lemon tea", text, StringComparison.Ordinal);
        Assert.DoesNotContain("river note", text, StringComparison.Ordinal);
        Assert.Contains("annoyed", text, StringComparison.Ordinal);

        var space = json.GetProperty("spaces").EnumerateArray().Single();
        Assert.Equal("Ana and Ben", space.GetProperty("space").GetProperty("name").GetString());
        var appreciations = space.GetProperty("practices").EnumerateArray().Single(p => p.GetProperty("practice").GetString() == "appreciations")
            .GetProperty("entries").EnumerateArray().ToList();
        var received = appreciations.Single(e => e.GetRawText().Contains("lemon tea", StringComparison.Ordinal));
        Assert.False(received.GetProperty("yours").GetBoolean());
        Assert.Equal("Ben", received.GetProperty("by").GetString());
        Assert.True(appreciations.Single(e => e.GetRawText().Contains("squeaky gate", StringComparison.Ordinal)).GetProperty("yours").GetBoolean());
        var privateCheckIn = json.GetProperty("private").EnumerateArray().Single(p => p.GetProperty("practice").GetString() == "check_ins");
        Assert.Single(privateCheckIn.GetProperty("entries").EnumerateArray());

        // The readable copy: the same words, encoded, nothing fetched from anywhere, no script.
        Assert.Contains("the kettle &lt;script&gt;alert(1)&lt;/script&gt; again", html, StringComparison.Ordinal);
        Assert.Contains("thank you for the lemon tea", html, StringComparison.Ordinal);
        Assert.DoesNotContain("river note", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);

        // Ben can neither see nor download Ana's export.
        Assert.Equal(HttpStatusCode.NotFound, (await world.BenClient.GetAsync(file)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.BenClient.GetAsync("/api/v1/account/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.BenClient.GetAsync($"/account/export?handler=download&id={first}")).StatusCode);

        // Sealed while it waits: no word of anyone's is in the stored row.
        var stored = await app.InScopeAsync(world.Ana.Id, sp => sp.GetRequiredService<CornerDbContext>().Set<ExportFile>()
            .Where(x => x.PersonId == world.Ana.Id).Select(x => x.FileCipher!).SingleAsync());
        Assert.DoesNotContain("lemon tea", System.Text.Encoding.Latin1.GetString(stored), StringComparison.Ordinal);

        // The email says it is ready and nothing else.
        var mail = Mailbox.For(app, world.Ana.Email).Single(m => m.Subject == "Your Corner export is ready");
        Assert.Contains("/account/export", mail.Body, StringComparison.Ordinal);
        foreach (var words in new[] { "kettle", "lemon", "squeaky", "river" })
            Assert.DoesNotContain(words, mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AskedForTwiceAtOnce_MakesOne_AndNeitherAnswerIsAnError()
    {
        using var app = new ReminderAppFactory(new ManualClock(Noon));
        var ana = await app.CreatePersonAsync("Ana");
        var phone = await app.SignedInClientAsync(ana);
        var laptop = await app.SignedInClientAsync(ana);

        var answers = await Task.WhenAll(phone.PostAsync("/api/v1/account/export", null), laptop.PostAsync("/api/v1/account/export", null));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Equal(ids[0], ids[1]);
        var made = await app.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Set<ExportFile>().CountAsync(x => x.PersonId == ana.Id));
        Assert.Equal(1, made);
    }

    [Fact]
    public async Task Export_After24Hours_IsDestroyed()
    {
        var clock = new ManualClock(Noon);
        using var app = new ReminderAppFactory(clock);
        var world = await TwoPeopleWithWordsAsync(app);
        await world.AnaClient.PostAsync("/api/v1/account/export", null);
        await app.RunJobsAsync();
        var status = await world.AnaClient.GetFromJsonAsync<JsonElement>("/api/v1/account/export");
        var id = status.GetProperty("id").GetGuid();

        // The clock jumps past what a test sign-in cookie lives, so the file is asked for through the handler itself.
        Task<bool> DownloadableAsync() => app.InScopeAsync(world.Ana.Id, async sp => await sp.GetRequiredService<Exports>().FileAsync(world.Ana.Id, id) is not null);
        clock.Advance(TimeSpan.FromHours(23));
        await app.RunJobsAsync();
        Assert.True(await DownloadableAsync(), "23 hours after it was made, the export can still be downloaded");

        clock.Advance(TimeSpan.FromHours(2));
        await app.RunJobsAsync();
        Assert.False(await DownloadableAsync(), "after 24 hours the export is gone");
        var left = await app.InScopeAsync(null, sp => sp.GetRequiredService<CornerDbContext>().Set<ExportFile>().CountAsync(x => x.PersonId == world.Ana.Id));
        Assert.Equal(0, left);

        Assert.Null(await app.InScopeAsync(world.Ana.Id, sp => sp.GetRequiredService<Exports>().LatestAsync(world.Ana.Id)));
    }

    [Fact]
    public async Task ExportPage_WithoutScript_MakesOne_ShowsProgress_ThenOffersTheDownload()
    {
        using var app = new ReminderAppFactory(new ManualClock(Noon));
        var world = await TwoPeopleWithWordsAsync(app);

        var empty = await world.AnaClient.GetPageAsync("/account/export");
        Assert.Equal("Your export", empty.QuerySelector("h1")!.TextContent);
        var made = await world.AnaClient.SubmitFormAsync("/account/export", new Dictionary<string, string>());
        Assert.True(made.StatusCode.IsRedirect());

        var waiting = await world.AnaClient.GetAsync("/account/export");
        Assert.Equal("3", waiting.Headers.GetValues("Refresh").Single());
        Assert.Contains("Making your export", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await app.RunJobsAsync();
        var ready = await world.AnaClient.GetPageAsync("/account/export");
        var link = ready.QuerySelector("a[download]")!.GetAttribute("href")!;
        var download = await world.AnaClient.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith($"corner-export-{Noon:yyyy-MM-dd}", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        await ReadZipAsync(download);
    }
}
