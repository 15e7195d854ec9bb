namespace Corner.BrowserTests.Support;

/// <summary>
/// The browser server's clock: real time, plus however far a test has moved it on ("twenty minutes
/// later"). Real time keeps running, so live streams, cookies and timeouts behave as usual. Every test
/// starts at real time: <see cref="BrowserTest"/> resets it after each test.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public void Reset() => Interlocked.Exchange(ref _offsetTicks, 0);
}
