using System.Net;
using Corner.IntegrationTests.Support;
using Corner.Web.Infrastructure.Live;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Corner.IntegrationTests.Infrastructure.Live;

/// <summary>Two app nodes on one database, as behind a load balancer. Events cross between them through PostgreSQL.</summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private static readonly string MasterKey = LiveScenario.NewMasterKey();

    public CornerAppFactory Node1 { get; } = CornerAppFactory.WithSettings(LiveScenario.NodeSettings(MasterKey));
    public CornerAppFactory Node2 { get; } = CornerAppFactory.WithSettings(LiveScenario.NodeSettings(MasterKey));

    public async Task InitializeAsync()
    {
        await LiveScenario.ListeningAsync(Node1);
        await LiveScenario.ListeningAsync(Node2);
    }

    public async Task DisposeAsync()
    {
        await Node1.DisposeAsync();
        await Node2.DisposeAsync();
    }
}

public sealed class LiveEventsTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    private CornerAppFactory Node1 => nodes.Node1;
    private CornerAppFactory Node2 => nodes.Node2;

    [Fact]
    public async Task CheckIn_ThroughNode2_ReachesTheOtherMembersStreamOnNode1()
    {
        var amal = await Node1.CreatePersonAsync("Amal");
        var sam = await Node1.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(Node1, amal, sam);
        await using var samStream = await LiveStream.OpenAsync(await Node1.SignedInClientAsync(sam));

        await LiveScenario.CheckInAsync(await Node2.SignedInClientAsync(amal), "a long day at the hospital", bond);

        var received = await samStream.NextEventAsync();
        Assert.Equal("check_in", received.Kind);
        Assert.Equal(bond, received.Bond);
        Assert.Equal(await LiveScenario.TodaysCheckInIdAsync(Node1, amal), received.Item);
        // Ids only: nothing anyone wrote, and not even whom it is for.
        Assert.DoesNotContain("hospital", received.Json, StringComparison.Ordinal);
        Assert.DoesNotContain("recipient", received.Json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamReopenedOnTheOtherNode_WithLastEventId_IsSentWhatItMissed_ThenLiveEvents()
    {
        var amal = await Node1.CreatePersonAsync("Amal");
        var sam = await Node1.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(Node1, amal, sam);
        var samOn1 = await Node1.SignedInClientAsync(sam);
        Task<Guid> Tell() => Node2.InScopeAsync(amal.Id, async sp =>
        {
            var item = Guid.NewGuid();
            await sp.GetRequiredService<LiveEvents>().ToMemberAsync(bond, sam.Id, "appreciation", item);
            return item;
        });

        string lastSeen;
        await using (var onNode1 = await LiveStream.OpenAsync(samOn1))
        {
            var seen = await Tell();
            Assert.Equal(seen, (await onNode1.NextEventAsync()).Item);
            lastSeen = Assert.IsType<string>(onNode1.LastEventId);
        }
        // Node 1 is gone; two events happen while Sam has no stream.
        var missed = new[] { await Tell(), await Tell() };

        await using var onNode2 = await LiveStream.OpenAsync(await Node2.SignedInClientAsync(sam), lastSeen);
        Assert.Equal(missed[0], (await onNode2.NextEventAsync()).Item);
        Assert.Equal(missed[1], (await onNode2.NextEventAsync()).Item);
        var live = await Tell();
        Assert.Equal(live, (await onNode2.NextEventAsync()).Item);
    }

    [Fact]
    public async Task StreamResumedFromAnotherPersonsEventId_IsToldToResync_AndSentNothingOfTheirs()
    {
        var amal = await Node1.CreatePersonAsync("Amal");
        var sam = await Node1.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(Node1, amal, sam);
        var samOn1 = await Node1.SignedInClientAsync(sam);
        string amalsEvent;
        await using (var amalStream = await LiveStream.OpenAsync(await Node1.SignedInClientAsync(amal)))
        {
            await Node1.InScopeAsync(sam.Id, async sp =>
            {
                await sp.GetRequiredService<LiveEvents>().ToMemberAsync(bond, amal.Id, "appreciation", Guid.NewGuid());
                return 0;
            });
            await amalStream.NextEventAsync();
            amalsEvent = amalStream.LastEventId!;
        }

        await using var samStream = await LiveStream.OpenAsync(samOn1, amalsEvent);

        Assert.Equal("resync", (await samStream.NextEventAsync()).Kind);
    }

    [Fact]
    public async Task ReflectionAndAnswer_AcrossNodes_EachReachTheirOnePerson()
    {
        var amal = await Node1.CreatePersonAsync("Amal");
        var sam = await Node1.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(Node1, amal, sam);
        var amalOn2 = await Node2.SignedInClientAsync(amal);
        var samOn1 = await Node1.SignedInClientAsync(sam);
        await using var amalStream = await LiveStream.OpenAsync(amalOn2);
        await using var samStream = await LiveStream.OpenAsync(samOn1);

        await LiveScenario.CheckInAsync(amalOn2, "tired", bond);
        var checkIn = await samStream.NextEventAsync();

        await LiveScenario.ReflectAsync(samOn1, bond, checkIn.Item, "sounds like a lot");
        var reflection = await amalStream.NextEventAsync();
        Assert.Equal("reflection", reflection.Kind);
        Assert.Equal(bond, reflection.Bond);
        Assert.DoesNotContain("sounds like", reflection.Json, StringComparison.Ordinal);

        await LiveScenario.AnswerAsync(amalOn2, bond, reflection.Item);
        var answer = await samStream.NextEventAsync();
        Assert.Equal("reflection_answer", answer.Kind);
        Assert.Equal(reflection.Item, answer.Item);
    }

    [Fact]
    public async Task PrivateCheckIn_SendsNothingToTheOtherMember()
    {
        var amal = await Node1.CreatePersonAsync("Amal");
        var sam = await Node1.CreatePersonAsync("Sam");
        var kit = await Node1.CreatePersonAsync("Kit");
        var amalAndSam = await LiveScenario.CreateSpaceAsync(Node1, amal, sam);
        var kitAndSam = await LiveScenario.CreateSpaceAsync(Node1, kit, sam);
        await using var samStream = await LiveStream.OpenAsync(await Node1.SignedInClientAsync(sam));

        await LiveScenario.CheckInAsync(await Node2.SignedInClientAsync(amal), "just for me");
        // Notifications arrive in commit order: had the private check-in sent anything, it would come first.
        await LiveScenario.CheckInAsync(await Node2.SignedInClientAsync(kit), "shared", kitAndSam);

        var first = await samStream.NextEventAsync();
        Assert.Equal(kitAndSam, first.Bond);
        Assert.NotEqual(amalAndSam, first.Bond);
    }

    [Fact]
    public async Task CheckIn_SendsNothingToMembersOfOtherSpaces_NorToItsAuthor()
    {
        var amal = await Node1.CreatePersonAsync("Amal");
        var sam = await Node1.CreatePersonAsync("Sam");
        var kit = await Node1.CreatePersonAsync("Kit");
        var lee = await Node1.CreatePersonAsync("Lee");
        var amalAndSam = await LiveScenario.CreateSpaceAsync(Node1, amal, sam);
        var kitAndLee = await LiveScenario.CreateSpaceAsync(Node1, kit, lee);
        var amalOn1 = await Node1.SignedInClientAsync(amal);
        await using var kitStream = await LiveStream.OpenAsync(await Node1.SignedInClientAsync(kit));
        await using var amalStream = await LiveStream.OpenAsync(amalOn1);

        await LiveScenario.CheckInAsync(await Node2.SignedInClientAsync(amal), "ours", amalAndSam);
        await LiveScenario.CheckInAsync(await Node2.SignedInClientAsync(lee), "theirs", kitAndLee);
        await LiveScenario.CheckInAsync(await Node2.SignedInClientAsync(sam), "back to you", amalAndSam);

        // Kit's first event is Lee's: Amal's earlier check-in in another space never reached Kit.
        Assert.Equal(kitAndLee, (await kitStream.NextEventAsync()).Bond);
        // Amal's first event is Sam's check-in, not her own.
        var amalsFirst = await amalStream.NextEventAsync();
        Assert.Equal(await LiveScenario.TodaysCheckInIdAsync(Node1, sam), amalsFirst.Item);
    }

    [Fact]
    public async Task Live_WhenAnonymous_Answers401AndNeverGetsAStream()
    {
        // A 401, not a redirect to the sign-in page: EventSource cannot follow a sign-in, and a redirected stream
        // is a console error on every page of a signed-out tab.
        using var response = await Node1.NewClient().GetAsync("/live", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEqual("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Live_WhenAnonymousAskingForJson_GetsNoCounts()
    {
        using var response = await Node1.NewClient().GetAsync("/live/unread");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("total", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_IsNeverCachedOrBuffered()
    {
        var sam = await Node1.CreatePersonAsync("Sam");
        await using var stream = await LiveStream.OpenAsync(await Node1.SignedInClientAsync(sam));

        Assert.Equal("no-store", stream.Response.Headers.CacheControl?.ToString());
        Assert.Equal("no", stream.Response.Headers.GetValues("X-Accel-Buffering").Single());
    }
}

/// <summary>What an open stream costs the node: no transaction, and bounded numbers and lifetimes.</summary>
public sealed class LiveStreamLimitsTests : IAsyncLifetime
{
    private readonly string _applicationName = "corner-test-" + Guid.NewGuid().ToString("N")[..12];
    private readonly CornerAppFactory _factory;

    public LiveStreamLimitsTests()
    {
        var connection = new NpgsqlConnectionStringBuilder(TestDatabase.AppConnectionString) { ApplicationName = _applicationName };
        _factory = CornerAppFactory.WithSettings(new Dictionary<string, string?>
        {
            ["ConnectionStrings:App"] = connection.ConnectionString,
            ["Corner:Live:Heartbeat"] = "00:00:00.200",
            ["Corner:Live:MaxStreamsPerPerson"] = "2",
            ["Corner:Live:ReconnectDelay"] = "00:00:00.100",
            // Validate the sign-in on every request, so opening the stream does use the database.
            ["Corner:SecurityStampInterval"] = "00:00:00",
        });
    }

    // Streams opened before the node listens are sent a resync first; these tests expect quiet streams.
    public Task InitializeAsync() => LiveScenario.ListeningAsync(_factory);

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task OpenStream_HoldsNoTransactionOrBusyConnection()
    {
        var sam = await _factory.CreatePersonAsync("Sam");
        var client = await _factory.SignedInClientAsync(sam);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/live/unread")).StatusCode);

        await using var stream = await LiveStream.OpenAsync(client);
        await stream.ReadLineAsync(LiveStream.Patience); // a heartbeat: the stream is well under way

        await using var connection = new NpgsqlConnection(TestDatabase.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), count(*) filter (where state <> 'idle') from pg_stat_activity where application_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _applicationName });
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.True(reader.GetInt64(0) > 0, "the factory's own connection string was not used");
        Assert.Equal(0, reader.GetInt64(1));
    }

    [Fact]
    public async Task Listener_WhenItsConnectionDrops_ReconnectsAndTellsStreamsToResync()
    {
        var amal = await _factory.CreatePersonAsync("Amal");
        var sam = await _factory.CreatePersonAsync("Sam");
        var bond = await LiveScenario.CreateSpaceAsync(_factory, amal, sam);
        await using var samStream = await LiveStream.OpenAsync(await _factory.SignedInClientAsync(sam));

        var listener = _factory.Services.GetRequiredService<LiveListener>();
        await using (var connection = new NpgsqlConnection(TestDatabase.AppConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = $1", connection);
            kill.Parameters.Add(new NpgsqlParameter { Value = listener.ApplicationName });
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        Assert.Equal("resync", (await samStream.NextEventAsync()).Kind);
        await LiveScenario.CheckInAsync(await _factory.SignedInClientAsync(amal), "after the drop", bond);
        Assert.Equal(bond, (await samStream.NextEventAsync()).Bond);
    }

    [Fact]
    public async Task IdleStream_GetsHeartbeatComments()
    {
        var sam = await _factory.CreatePersonAsync("Sam");
        await using var stream = await LiveStream.OpenAsync(await _factory.SignedInClientAsync(sam));

        Assert.Equal(": ", await stream.ReadLineAsync(LiveStream.Patience));
        Assert.Equal("", await stream.ReadLineAsync(LiveStream.Patience));
    }

    [Fact]
    public async Task OneStreamTooMany_ClosesThePersonsOldest()
    {
        var sam = await _factory.CreatePersonAsync("Sam");
        var client = await _factory.SignedInClientAsync(sam);
        await using var first = await LiveStream.OpenAsync(client);
        await using var second = await LiveStream.OpenAsync(client);
        await using var third = await LiveStream.OpenAsync(client);

        await first.WaitForEndAsync(LiveStream.Patience);
        Assert.Equal(": ", await third.ReadLineAsync(LiveStream.Patience));
    }
}
