using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins for addresses that have no account count towards a lockout exactly like an account's
/// own (the same number of tries, the same pause), so "paused for a little while" never tells anyone
/// which addresses have an account. Kept in memory per node, keyed by a hash of the address.
/// </summary>
public sealed class UnknownAddressLockout(TimeProvider clock, Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.IdentityOptions> identity)
{
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(int Failures, DateTimeOffset? LockedUntil, DateTimeOffset LastFailure);

    private int MaxFailures => identity.Value.Lockout.MaxFailedAccessAttempts;
    private TimeSpan Pause => identity.Value.Lockout.DefaultLockoutTimeSpan;

    public bool IsLockedOut(string normalizedAddress) =>
        _entries.TryGetValue(Key(normalizedAddress), out var entry) && entry.LockedUntil > clock.GetUtcNow();

    /// <summary>Counts one failure; true when this failure starts the pause (as Identity's own lockout does).</summary>
    public bool RecordFailure(string normalizedAddress)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count > MaxTracked)
            Prune(now);
        var entry = _entries.AddOrUpdate(Key(normalizedAddress),
            _ => Next(new Entry(0, null, now), now),
            (_, old) => Next(old.LockedUntil is { } until && until <= now ? new Entry(0, null, now) : old, now));
        return entry.LockedUntil > now;
    }

    private Entry Next(Entry old, DateTimeOffset now)
    {
        var failures = old.Failures + 1;
        return failures >= MaxFailures ? new Entry(0, now + Pause, now) : new Entry(failures, old.LockedUntil, now);
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
            if ((entry.LockedUntil is null || entry.LockedUntil <= now) && entry.LastFailure < now - Pause)
                _entries.TryRemove(key, out _);
    }

    private static string Key(string normalizedAddress) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedAddress.ToUpperInvariant())));
}
