using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Corner.Web.Infrastructure.Live;

/// <summary>
/// The open event streams on this node, by person. Events arrive from <see cref="LiveListener"/> and are
/// handed to that person's streams without waiting: each stream has a small bounded buffer that drops
/// its oldest frame when a reader falls behind. One timer for the whole node (<see cref="LiveHeartbeat"/>)
/// keeps idle streams alive and ends old ones; a stream owns no timer of its own.
/// </summary>
public sealed class LiveHub(IOptions<LiveOptions> options, TimeProvider clock)
{
    /// <summary>An SSE comment: keeps proxies from closing an idle stream, ignored by EventSource.</summary>
    internal static readonly byte[] HeartbeatFrame = ": \n\n"u8.ToArray();

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, List<LiveSubscription>> _byPerson = [];

    public int StreamCount
    {
        get { lock (_lock) return _byPerson.Values.Sum(l => l.Count); }
    }

    public LiveSubscription Subscribe(Guid personId)
    {
        var settings = options.Value;
        // Between three quarters of the lifetime and all of it.
        var lifetime = settings.MaxStreamLifetime * (0.75 + Random.Shared.NextDouble() / 4);
        var subscription = new LiveSubscription(this, personId, clock.GetUtcNow() + lifetime, Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(Math.Max(1, settings.StreamBuffer))
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = false,
            }));
        LiveSubscription? evicted = null;
        lock (_lock)
        {
            if (!_byPerson.TryGetValue(personId, out var list))
                _byPerson[personId] = list = [];
            list.Add(subscription);
            if (list.Count > Math.Max(1, settings.MaxStreamsPerPerson))
            {
                evicted = list[0];
                list.RemoveAt(0);
            }
        }
        evicted?.Complete();
        return subscription;
    }

    internal void Remove(LiveSubscription subscription)
    {
        lock (_lock)
        {
            if (_byPerson.TryGetValue(subscription.PersonId, out var list) && list.Remove(subscription) && list.Count == 0)
                _byPerson.Remove(subscription.PersonId);
        }
    }

    /// <summary>Hands <paramref name="e"/> to its recipient's streams on this node, if any. Never blocks.</summary>
    public void Deliver(LiveEvent e)
    {
        LiveSubscription[] targets;
        lock (_lock)
        {
            if (!_byPerson.TryGetValue(e.Recipient, out var list))
                return;
            targets = [.. list];
        }
        var frame = Frame(e);
        foreach (var target in targets)
        {
            target.TryWrite(frame);
            if (e.Kind == LiveKinds.AccessEnded)
                target.Complete();
        }
    }

    /// <summary>Tells every stream on this node that events may have been missed (the listener reconnected).</summary>
    public void Resync()
    {
        var frame = Frame(new { kind = LiveKinds.Resync });
        foreach (var target in Snapshot())
            target.TryWrite(frame);
    }

    /// <summary>One heartbeat round: a comment to each idle stream, and the end for streams past their lifetime.</summary>
    public void Tick()
    {
        var now = clock.GetUtcNow();
        foreach (var subscription in Snapshot())
        {
            if (subscription.EndsAt <= now)
                subscription.Complete();
            else if (subscription.IsIdle)
                subscription.TryWrite(HeartbeatFrame);
        }
    }

    private LiveSubscription[] Snapshot()
    {
        lock (_lock)
            return [.. _byPerson.Values.SelectMany(l => l)];
    }

    /// <summary>A live event as an SSE message, with its stored id as the SSE id (the browser sends the last one
    /// back as Last-Event-ID when it reconnects, see <see cref="LiveCatchUp"/>).</summary>
    internal static byte[] Frame(LiveEvent e)
    {
        var data = Frame(new { bond = e.Bond, kind = e.Kind, item = e.Item });
        return e.Id > 0 ? [.. Encoding.ASCII.GetBytes($"id: {e.Id}\n"), .. data] : data;
    }

    /// <summary>The SSE id a frame made by <see cref="Frame(LiveEvent)"/> starts with, or 0.</summary>
    internal static long FrameId(ReadOnlySpan<byte> frame)
    {
        if (!frame.StartsWith("id: "u8))
            return 0;
        var end = frame.IndexOf((byte)'\n');
        return end > 4 && long.TryParse(frame[4..end], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0;
    }

    /// <summary>One SSE message: a single <c>data:</c> line of JSON (JSON never contains a raw newline).</summary>
    internal static byte[] Frame(object data) =>
        Encoding.UTF8.GetBytes("data: " + JsonSerializer.Serialize(data) + "\n\n");
}

/// <summary>One open stream: its person, when it ends, and its small buffer of frames to send.</summary>
public sealed class LiveSubscription : IDisposable
{
    private readonly LiveHub _hub;
    private readonly Channel<byte[]> _channel;

    internal LiveSubscription(LiveHub hub, Guid personId, DateTimeOffset endsAt, Channel<byte[]> channel)
    {
        _hub = hub;
        PersonId = personId;
        EndsAt = endsAt;
        _channel = channel;
    }

    public Guid PersonId { get; }

    /// <summary>When the heartbeat ends this stream (the browser then reconnects).</summary>
    public DateTimeOffset EndsAt { get; }

    /// <summary>Frames to write, in order. Completes when the hub ends the stream.</summary>
    public ChannelReader<byte[]> Frames => _channel.Reader;

    internal bool IsIdle => _channel.Reader.Count == 0;

    internal void TryWrite(byte[] frame) => _channel.Writer.TryWrite(frame);

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        Complete();
        _hub.Remove(this);
    }
}
