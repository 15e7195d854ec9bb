using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Corner.IntegrationTests.Data;
using Corner.IntegrationTests.Features.CheckIns;
using Corner.IntegrationTests.Infrastructure.Live;
using Corner.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Features.Reconnection;

/// <summary>Corner with a clock the pause tests move by hand, and no background jobs.</summary>
public sealed class PauseAppFactory() : CornerAppFactory(new Dictionary<string, string?> { ["Corner:Jobs:Enabled"] = "false" })
{
    public Support.ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureTestServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

[CollectionDefinition(Name)]
public sealed class PauseCollection : ICollectionFixture<PauseAppFactory>
{
    public const string Name = "pauses";
}

[Collection(PauseCollection.Name)]
public sealed class PauseSignalTests
{
    private readonly PauseAppFactory factory;

    public PauseSignalTests(PauseAppFactory factory)
    {
        this.factory = factory;
        // Each test starts at real time, so sign-in cookies minted now stay valid while it moves the clock on.
        factory.Clock.Set(DateTimeOffset.UtcNow);
    }

    private async Task<(Guid BondId, TestPerson AmalPerson, HttpClient Amal, HttpClient Sam)> CoupleAsync()
    {
        var amal = await factory.CreatePersonAsync("Amal");
        var sam = await factory.CreatePersonAsync("Sam");
        var bondId = await factory.CreateBondAsync(amal, sam);
        return (bondId, amal, await factory.SignedInClientAsync(amal), await factory.SignedInClientAsync(sam));
    }

    private static Task<HttpResponseMessage> SendPauseAsync(HttpClient client, Guid bondId, string length, string? own = null) =>
        client.SubmitFormAsync($"/spaces/{bondId}/pause",
            [new("Length", length), new("OwnMinutes", own ?? "")],
            form => form.QuerySelector("[name=Length]") is not null);

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid bondId, string handler) =>
        client.SubmitFormAsync($"/spaces/{bondId}/pause", [],
            form => (form.GetAttribute("action") ?? "").EndsWith("handler=" + handler, StringComparison.Ordinal));

    private static async Task<string> PanelAsync(HttpClient client, Guid bondId) =>
        Html.Parse(await client.GetStringAsync($"/spaces/{bondId}/pause")).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task Pause_WhenTheTimeIsUp_AsksBothWhetherTheyAreReadyAndEndsWhenBothAre()
    {
        var (bondId, _, amal, sam) = await CoupleAsync();
        await sam.SubmitFormAsync($"/spaces/{bondId}/reconnect/edit",
            new Dictionary<string, string> { ["PauseSteps"] = "Amal walks round the block", ["RepairPhrase"] = "Same team" });

        var sent = await SendPauseAsync(amal, bondId, "20");
        Assert.True(sent.StatusCode.IsRedirect(), $"sending answered {(int)sent.StatusCode}");

        var samSees = Html.Parse(await sam.GetStringAsync($"/spaces/{bondId}/pause"));
        var panel = samSees.QuerySelector("[data-pause-panel]")!;
        Assert.Contains("Amal needs a pause and will come back", panel.TextContent);
        Assert.Contains("About 20 minutes to go", panel.TextContent);
        Assert.Contains("Amal walks round the block", panel.TextContent);
        Assert.Contains("Same team", panel.TextContent);
        Assert.Equal("1200", panel.GetAttribute("data-pause-remaining"));
        Assert.NotNull(panel.QuerySelector("time[datetime]"));
        Assert.True(samSees.QuerySelector("[data-pause-form]")!.HasAttribute("hidden"));
        Assert.Contains("You're taking a pause", await PanelAsync(amal, bondId));
        Assert.DoesNotContain("Ready to come back?", await PanelAsync(sam, bondId));

        factory.Clock.Advance(TimeSpan.FromMinutes(20));

        foreach (var client in new[] { amal, sam })
        {
            Assert.Contains("The time is up. Ready to come back?", await PanelAsync(client, bondId));
            Assert.Contains("The pause is over: ready to come back?", Html.Parse(await client.GetStringAsync($"/spaces/{bondId}")).QuerySelector(".waiting")!.TextContent);
        }

        Assert.True((await AnswerAsync(amal, bondId, "Ready")).StatusCode.IsRedirect());
        Assert.Contains("Amal is ready when you are.", await PanelAsync(sam, bondId));
        Assert.Contains("You said you're ready.", await PanelAsync(amal, bondId));

        Assert.True((await AnswerAsync(sam, bondId, "Ready")).StatusCode.IsRedirect());
        foreach (var client in new[] { amal, sam })
        {
            var page = Html.Parse(await client.GetStringAsync($"/spaces/{bondId}/pause"));
            Assert.True(page.QuerySelector("[data-pause-panel]")!.HasAttribute("hidden"));
            Assert.False(page.QuerySelector("[data-pause-form]")!.HasAttribute("hidden"));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await sam.GetAsync($"/api/v1/spaces/{bondId}/pause")).StatusCode);
    }

    [Theory]
    [InlineData("own", "0")]
    [InlineData("own", "-5")]
    [InlineData("own", "4")]
    [InlineData("own", "241")]
    [InlineData("own", "2880")]
    [InlineData("own", "abc")]
    [InlineData("own", "99999999999999999999")]
    [InlineData("own", "")]
    [InlineData("45", null)]
    [InlineData("", null)]
    public async Task Pause_OfAnUnusableLength_IsRefusedWithAClearMessageAndTheFormKept(string length, string? own)
    {
        var (bondId, _, amal, _) = await CoupleAsync();

        var response = await SendPauseAsync(amal, bondId, length, own);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Matches("(from 5 to 240 minutes|whole number of minutes|choose how long)", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(own ?? "", ((IHtmlInputElement)page.QuerySelector("input[name=OwnMinutes]")!).Value);
        Assert.Equal(0L, await Sql.OwnerScalarAsync<long>("select count(*) from pauses where bond_id = $1", bondId));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-20)]
    [InlineData(4)]
    [InlineData(241)]
    [InlineData(60 * 24 * 3)]
    public async Task Api_PauseOfAnUnusableLength_Answers400(int minutes)
    {
        var (bondId, _, amal, _) = await CoupleAsync();
        var response = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("length_out_of_range", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Api_OwnLengthsAtTheEdges_AreAccepted()
    {
        var (bondId, _, amal, _) = await CoupleAsync();
        var five = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 5 });
        Assert.Equal(HttpStatusCode.Created, five.StatusCode);
        Assert.Equal(300, (await five.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remainingSeconds").GetInt32());
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var long240 = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 240 });
        Assert.Equal(HttpStatusCode.Created, long240.StatusCode);
    }

    [Fact]
    public async Task TwoPauses_SentAtTheSameMoment_StartOneAndTellTheOtherClearly()
    {
        for (var round = 0; round < 3; round++)
        {
            var (bondId, _, amal, sam) = await CoupleAsync();
            var responses = await Task.WhenAll(
                amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 20 }),
                sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 30 }));

            Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
            var refused = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal("already_paused", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from pauses where bond_id = $1", bondId));
        }
    }

    [Fact]
    public async Task Pause_SentTwiceBySamePerson_IsOnePauseAndTheOthersIsRefusedOnThePage()
    {
        var (bondId, _, amal, sam) = await CoupleAsync();
        Assert.True((await SendPauseAsync(amal, bondId, "30")).StatusCode.IsRedirect());
        var again = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 30 });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1L, await Sql.OwnerScalarAsync<long>("select count(*) from pauses where bond_id = $1", bondId));

        // Sam's page still had the form (opened before the pause reached it).
        var form = await sam.GetPageAsync($"/spaces/{bondId}/pause");
        var token = ((IHtmlInputElement)form.QuerySelector("input[name=__RequestVerificationToken]")!).Value;
        var refused = await sam.PostAsync($"/spaces/{bondId}/pause", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Length"] = "own",
            ["OwnMinutes"] = "45",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var page = Html.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Amal has already asked for a pause.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("Amal needs a pause and will come back", page.QuerySelector("[data-pause-panel]")!.TextContent);
        Assert.Equal("45", ((IHtmlInputElement)page.QuerySelector("input[name=OwnMinutes]")!).Value);
    }

    [Fact]
    public async Task Pause_EndedEarlyByTheOther_IsOverForBothAndEndingAgainChangesNothing()
    {
        var (bondId, _, amal, sam) = await CoupleAsync();
        var started = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 60 });
        var pauseId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        Assert.True((await AnswerAsync(sam, bondId, "End")).StatusCode.IsRedirect());

        Assert.Equal(HttpStatusCode.NoContent, (await amal.GetAsync($"/api/v1/spaces/{bondId}/pause")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses/{pauseId}/end", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses/{Guid.NewGuid()}/end", new { })).StatusCode);
        // A new pause may start at once.
        Assert.Equal(HttpStatusCode.Created, (await sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 20 })).StatusCode);
    }

    [Fact]
    public async Task Ready_BeforeTheTimeIsUp_IsRefused_AndLongerAfterItGivesMoreTime()
    {
        var (bondId, _, amal, sam) = await CoupleAsync();
        var started = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 20 });
        var pauseId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var early = await sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses/{pauseId}/ready", new { });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("not_over_yet", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        // "Longer" while it still runs changes nothing.
        var unchanged = await sam.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses/{pauseId}/longer", new { });
        Assert.Equal(1200, (await unchanged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("remainingSeconds").GetInt32());

        factory.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.Equal(HttpStatusCode.OK, (await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses/{pauseId}/ready", new { })).StatusCode);
        Assert.True((await AnswerAsync(sam, bondId, "Longer")).StatusCode.IsRedirect());

        var pause = await amal.GetFromJsonAsync<JsonElement>($"/api/v1/spaces/{bondId}/pause");
        Assert.False(pause.GetProperty("timeUp").GetBoolean());
        Assert.Equal(15 * 60, pause.GetProperty("remainingSeconds").GetInt32());
        Assert.False(pause.GetProperty("readyMe").GetBoolean());
        Assert.Contains("About 15 minutes to go", await PanelAsync(amal, bondId));
    }

    [Fact]
    public async Task Pause_WhenSent_ReachesTheOtherPersonsLiveStreamWithIdsOnly()
    {
        var (bondId, amalPerson, amal, sam) = await CoupleAsync();
        await using var stream = await LiveStream.OpenAsync(sam);

        var started = await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses", new { minutes = 20 });
        var pauseId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var received = await stream.NextEventAsync();
        Assert.Equal(("pause_started", bondId, pauseId), (received.Kind, received.Bond, received.Item));
        Assert.DoesNotContain(amalPerson.Id.ToString(), received.Json, StringComparison.OrdinalIgnoreCase);
        await amal.PostAsJsonAsync($"/api/v1/spaces/{bondId}/pauses/{pauseId}/end", new { });
        Assert.Equal("pause_ended", (await stream.NextEventAsync()).Kind);
    }
}
