using Corner.Web.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Push;

public sealed class PushOptions
{
    /// <summary>Accept push endpoints on http://127.0.0.1 (the tests' local push service). Never in production.</summary>
    public bool AllowLoopbackEndpoints { get; set; }

    /// <summary>The VAPID "sub" claim: how a push service can reach whoever runs this installation.</summary>
    public string Subject { get; set; } = "mailto:admin@localhost";
}

/// <summary>What a browser's PushSubscription.toJSON() gives: the endpoint and the two keys.</summary>
public sealed record PushSubscriptionInput(string? Endpoint, string? P256dh, string? Auth);

/// <summary>One device's subscription, as the sender needs it.</summary>
public sealed record StoredPushSubscription(Guid Id, string Endpoint, string P256dh, string Auth);

/// <summary>
/// A person's push subscriptions, one per device. Shared by the notifications page and the API. A device that
/// subscribes again (or for another account) replaces its old row, so one browser never gets two people's nudges.
/// </summary>
public sealed class PushSubscriptions(CornerDbContext db, TimeProvider clock, IOptions<PushOptions> options)
{
    /// <summary>Stores the subscription; false when it is not one a browser would make.</summary>
    public async Task<bool> SaveAsync(Guid personId, PushSubscriptionInput input, CancellationToken ct = default)
    {
        if (!IsValid(input, options.Value.AllowLoopbackEndpoints))
            return false;
        // The same endpoint may belong to someone else who signed in on this browser before: only system scope
        // sees (and removes) their row. Then back to acting as the person.
        await using (await db.SystemScopeAsync(ct))
            await db.Database.ExecuteSqlAsync($"delete from push_subscriptions where endpoint = {input.Endpoint}", ct);
        await db.Database.ExecuteSqlAsync($"""
            insert into push_subscriptions (id, person_id, endpoint, p256dh, auth, created_at)
            values ({Guid.CreateVersion7()}, {personId}, {input.Endpoint}, {input.P256dh}, {input.Auth}, {clock.GetUtcNow().UtcDateTime})
            """, ct);
        return true;
    }

    /// <summary>Removes this device's subscription (if it is the person's).</summary>
    public async Task<bool> RemoveAsync(Guid personId, string? endpoint, CancellationToken ct = default) =>
        !string.IsNullOrEmpty(endpoint)
        && await db.Database.ExecuteSqlAsync($"delete from push_subscriptions where person_id = {personId} and endpoint = {endpoint}", ct) > 0;

    /// <summary>Removes every device's subscription: "sign out everywhere".</summary>
    public Task<int> RemoveAllAsync(Guid personId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"delete from push_subscriptions where person_id = {personId}", ct);

    public Task<int> CountAsync(Guid personId, CancellationToken ct = default) =>
        db.Database.SqlQuery<int>($"select count(*)::int as \"Value\" from push_subscriptions where person_id = {personId}").SingleAsync(ct);

    public Task<bool> HasAsync(Guid personId, string endpoint, CancellationToken ct = default) =>
        db.Database.SqlQuery<bool>($"select exists (select 1 from push_subscriptions where person_id = {personId} and endpoint = {endpoint}) as \"Value\"").SingleAsync(ct);

    /// <summary>Every subscription of <paramref name="personId"/>; the caller acts with system scope (a job).</summary>
    public Task<List<StoredPushSubscription>> ForPersonAsync(Guid personId, CancellationToken ct = default) =>
        db.Database.SqlQuery<StoredPushSubscription>($"""
            select id as "Id", endpoint as "Endpoint", p256dh as "P256dh", auth as "Auth" from push_subscriptions where person_id = {personId}
            """).ToListAsync(ct);

    /// <summary>The push service said the subscription is gone (404 or 410): forget it.</summary>
    public Task<int> ForgetAsync(Guid subscriptionId, CancellationToken ct = default) =>
        db.Database.ExecuteSqlAsync($"delete from push_subscriptions where id = {subscriptionId}", ct);

    internal static bool IsValid(PushSubscriptionInput input, bool allowLoopback)
    {
        if (input.Endpoint is not { Length: > 0 and <= 2048 } endpoint || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            return false;
        var schemeOk = uri.Scheme == Uri.UriSchemeHttps ? !uri.IsLoopback || allowLoopback
            : allowLoopback && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;
        return schemeOk && string.IsNullOrEmpty(uri.UserInfo)
            && Decodes(input.P256dh, 65) is [0x04, ..] && Decodes(input.Auth, 16) is { Length: 16 };
    }

    private static byte[]? Decodes(string? value, int length)
    {
        if (value is null || value.Length > 200)
            return null;
        try
        {
            var bytes = WebEncoders.Base64UrlDecode(value);
            return bytes.Length == length ? bytes : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
