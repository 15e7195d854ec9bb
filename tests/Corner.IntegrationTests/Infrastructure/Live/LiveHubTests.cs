using System.Text;
using Corner.Web.Infrastructure.Live;
using Microsoft.Extensions.Options;

namespace Corner.IntegrationTests.Infrastructure.Live;

/// <summary>The node's in-memory hub, without a server: who gets what, and what a slow or old stream costs.</summary>
public sealed class LiveHubTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly ManualClock _clock = new();

    private LiveHub Hub(int buffer = 16) => new(Options.Create(new LiveOptions
    {
        StreamBuffer = buffer,
        MaxStreamsPerPerson = 3,
        MaxStreamLifetime = TimeSpan.FromMinutes(30),
    }), _clock);

    private static List<string> Drain(LiveSubscription subscription)
    {
        var frames = new List<string>();
        while (subscription.Frames.TryRead(out var frame))
            frames.Add(Encoding.UTF8.GetString(frame));
        return frames;
    }

    [Fact]
    public void Deliver_ReachesEveryStreamOfTheRecipient_AndNoOneElse()
    {
        var hub = Hub();
        var sam = Guid.NewGuid();
        using var samTab1 = hub.Subscribe(sam);
        using var samTab2 = hub.Subscribe(sam);
        using var other = hub.Subscribe(Guid.NewGuid());

        hub.Deliver(new LiveEvent(sam, Guid.NewGuid(), LiveKinds.CheckIn, Guid.NewGuid()));

        Assert.Single(Drain(samTab1));
        Assert.Single(Drain(samTab2));
        Assert.Empty(Drain(other));
    }

    [Fact]
    public void AccessEnded_IsToldToTheRecipient_ThenTheirStreamsEnd()
    {
        var hub = Hub();
        var counsellor = Guid.NewGuid();
        using var tab = hub.Subscribe(counsellor);
        using var other = hub.Subscribe(Guid.NewGuid());

        hub.Deliver(new LiveEvent(counsellor, Guid.NewGuid(), LiveKinds.AccessEnded, Guid.NewGuid()));

        Assert.Contains("access_ended", Assert.Single(Drain(tab)), StringComparison.Ordinal);
        Assert.True(tab.Frames.Completion.IsCompleted);
        Assert.False(other.Frames.Completion.IsCompleted);
    }

    [Fact]
    public void SlowStream_KeepsOnlyTheNewestFrames()
    {
        var hub = Hub(buffer: 2);
        var sam = Guid.NewGuid();
        using var tab = hub.Subscribe(sam);
        var items = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        foreach (var item in items)
            hub.Deliver(new LiveEvent(sam, Guid.NewGuid(), LiveKinds.CheckIn, item));

        var frames = Drain(tab);
        Assert.Equal(2, frames.Count);
        Assert.Contains(items[3].ToString(), frames[0], StringComparison.Ordinal);
        Assert.Contains(items[4].ToString(), frames[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Tick_SendsHeartbeatsOnlyToIdleStreams_AndEndsOldOnes()
    {
        var hub = Hub();
        var sam = Guid.NewGuid();
        using var old = hub.Subscribe(sam);
        _clock.Now += TimeSpan.FromMinutes(20);
        using var busy = hub.Subscribe(sam);
        using var idle = hub.Subscribe(Guid.NewGuid());
        hub.Deliver(new LiveEvent(sam, Guid.NewGuid(), LiveKinds.Reflection, Guid.NewGuid()));
        Drain(old);

        // Past the old stream's lifetime (30 minutes at most), well within the newer ones' (22.5 at least).
        _clock.Now += TimeSpan.FromMinutes(10.01);
        hub.Tick();

        Assert.True(old.Frames.Completion.IsCompleted);
        Assert.Equal([": \n\n"], Drain(idle));
        Assert.DoesNotContain(": \n\n", Drain(busy));
    }

    [Fact]
    public void Dispose_ForgetsTheStream()
    {
        var hub = Hub();
        var tab = hub.Subscribe(Guid.NewGuid());
        Assert.Equal(1, hub.StreamCount);

        tab.Dispose();

        Assert.Equal(0, hub.StreamCount);
    }

    [Theory]
    [InlineData("""{"recipient":"00000000-0000-0000-0000-000000000000","bond":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","kind":"check_in","item":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1"}""")]
    [InlineData("""{"recipient":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","bond":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","kind":"<script>","item":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1"}""")]
    [InlineData("""{"recipient":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","bond":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","kind":"resync","item":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1"}""")]
    [InlineData("""{"recipient":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","bond":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1","kind":"","item":"8d0f0c4e-6d1c-4a59-9f36-2f0d0ad5b0d1"}""")]
    [InlineData("not json")]
    public void FromPayload_RefusesWhatIsNotALiveEvent(string payload) => Assert.Null(LiveEvent.FromPayload(payload));

    [Fact]
    public void Payload_RoundTrips()
    {
        var e = new LiveEvent(Guid.NewGuid(), Guid.NewGuid(), LiveKinds.ReflectionAnswer, Guid.NewGuid());
        Assert.Equal(e, LiveEvent.FromPayload(e.ToPayload()));
    }
}
