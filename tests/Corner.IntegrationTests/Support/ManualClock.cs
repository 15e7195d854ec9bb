namespace Corner.IntegrationTests.Support;

/// <summary>A clock the test moves by hand. Replace the app's <see cref="TimeProvider"/> with it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start.ToUniversalTime();

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public void Set(DateTimeOffset now)
    {
        lock (_gate) _now = now.ToUniversalTime();
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate) _now += by;
    }
}
