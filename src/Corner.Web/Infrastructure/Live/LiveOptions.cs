namespace Corner.Web.Infrastructure.Live;

/// <summary>Settings under <c>Corner:Live</c>. The defaults suit production; tests shorten some.</summary>
public sealed class LiveOptions
{
    /// <summary>How often an idle stream gets a comment line, so proxies and browsers keep it open.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A stream is closed after at most this long (each a little sooner, at random, so streams opened
    /// together do not all reconnect together). The browser reconnects within seconds, which re-checks the
    /// sign-in, so a revoked session does not keep a stream.</summary>
    public TimeSpan MaxStreamLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Open streams per person on one node (tabs, devices). Opening one more closes the oldest, which
    /// also clears out streams whose browser vanished without the connection noticing yet.</summary>
    public int MaxStreamsPerPerson { get; set; } = 8;

    /// <summary>Events waiting for a slow stream; when full, the oldest is dropped.</summary>
    public int StreamBuffer { get; set; } = 16;

    /// <summary>First wait before the listener reconnects to PostgreSQL; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);
}
