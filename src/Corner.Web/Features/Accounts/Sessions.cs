using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Corner.Web.Features.Accounts;

/// <summary>
/// The devices a person is signed in on: one row per browser cookie or API token (table <c>sessions</c>), whose id
/// the cookie or token carries as a claim. Signing out there, or from the privacy centre, deletes the row, and a
/// cookie or token whose row is gone is refused: a token on its next call, a cookie at its next check (the
/// security-stamp interval, a minute by default). Shared by the privacy centre page and the API.
/// </summary>
public sealed class Sessions(
    CornerDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IOptionsMonitor<CookieAuthenticationOptions> cookies,
    IOptionsMonitor<BearerTokenOptions> tokens)
{
    public const string ClaimType = "corner:session";
    public const string BrowserKind = "browser";
    public const string ApiKind = "api";

    /// <summary>"Last active" is written at most this often, so an active session does not write on every request.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(5);

    public sealed record Session(Guid Id, string Kind, string? Browser, string? Platform, string? Network,
        DateTimeOffset SignedInAt, DateTimeOffset LastSeenAt);

    /// <summary>The session a cookie or token belongs to; null for one made before sessions were kept.</summary>
    public static Guid? IdOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(ClaimType), out var id) ? id : null;

    /// <summary>A one-way fingerprint of a security stamp: rows signed in under an older stamp no longer count.</summary>
    public static string StampHash(string? stamp) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? "")));

    /// <summary>Starts a session; or, when <paramref name="current"/> is this device's session (its cookie is being
    /// refreshed after a password or email change), carries it over to the new stamp.</summary>
    public Task<Guid> StartAsync(Guid personId, string kind, string? stamp, SessionOrigin origin, Guid? current, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            // Signing in happens before anyone is acting as the person; the row is theirs either way.
            await using var system = await db.SystemScopeAsync(ct);
            if (current is { } id && await db.Database.ExecuteSqlAsync($"""
                    update sessions set stamp_hash = {StampHash(stamp)}, last_seen_at = {now}
                    where id = {id} and person_id = {personId}
                    """, ct) > 0)
                return id;
            var session = Guid.CreateVersion7();
            await db.Database.ExecuteSqlAsync($"""
                insert into sessions (id, person_id, kind, browser, platform, network, stamp_hash, signed_in_at, last_seen_at)
                values ({session}, {personId}, {kind}, {origin.Browser}, {origin.Platform}, {origin.Network}, {StampHash(stamp)}, {now}, {now})
                """, ct);
            return session;
        }, ct);

    /// <summary>True while the session has not been ended; notes that it was used (and from which network), at most
    /// every <see cref="TouchEvery"/>. One round trip. Runs as the person (the caller has set who is acting).</summary>
    public async Task<bool> IsLiveAsync(Guid personId, Guid sessionId, string? network, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - TouchEvery;
        // Not composed further (a WITH that writes must stay at the top level), so read as a list.
        var found = await db.Database.SqlQuery<int>($"""
            with live as (select id, last_seen_at from sessions where id = {sessionId} and person_id = {personId}),
            touched as (update sessions s set last_seen_at = {now}, network = coalesce({network}, s.network)
                        from live where s.id = live.id and live.last_seen_at < {stale})
            select count(*)::int as "Value" from live
            """).ToListAsync(ct);
        return found is [> 0];
    }

    /// <summary>The person's sessions that can still be used, the most recently active first: signed in under the
    /// current security stamp and not past the cookie's or token's lifetime.</summary>
    public async Task<IReadOnlyList<Session>> ListAsync(Person person, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var browserSince = now - cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;
        var apiSince = now - tokens.Get(IdentityConstants.BearerScheme).BearerTokenExpiration;
        return await db.Database.SqlQuery<Session>($"""
            select id as "Id", kind as "Kind", browser as "Browser", platform as "Platform", network as "Network",
                   signed_in_at as "SignedInAt", last_seen_at as "LastSeenAt"
            from sessions
            where person_id = {person.Id} and stamp_hash = {StampHash(person.SecurityStamp)}
              and ((kind = {BrowserKind} and last_seen_at > {browserSince}) or (kind = {ApiKind} and signed_in_at > {apiSince}))
            order by last_seen_at desc, id desc
            limit 100
            """).ToListAsync(ct);
    }

    /// <summary>Signs one of the person's devices out; false when there is no such session of theirs (any more).</summary>
    public async Task<bool> EndAsync(Guid personId, Guid sessionId, CancellationToken ct)
    {
        var ended = await db.Database.ExecuteSqlAsync(
            $"delete from sessions where id = {sessionId} and person_id = {personId}", ct) > 0;
        if (ended)
        {
            audit.Record(AuditKinds.SessionEnded, personId);
            await db.SaveChangesAsync(ct);
        }
        return ended;
    }

    /// <summary>Forgets this device's session as it signs out (the person is acting, or nobody is).</summary>
    public Task EndQuietlyAsync(Guid personId, Guid sessionId, CancellationToken ct) =>
        db.InTransactionAsync(async () =>
        {
            await using var system = await db.SystemScopeAsync(ct);
            return await db.Database.ExecuteSqlAsync(
                $"delete from sessions where id = {sessionId} and person_id = {personId}", ct);
        }, ct);

    /// <summary>Forgets every session of the person ("sign out everywhere": the new stamp ends them anyway).</summary>
    public Task EndAllAsync(Guid personId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"delete from sessions where person_id = {personId}", ct);

    // The cookie's part, wired in CornerSecurity.

    /// <summary>A cookie is being issued: a new sign-in starts a session, a refresh of this browser's own cookie
    /// keeps its session. The session's id goes into the cookie.</summary>
    public static async Task OnCookieSigningInAsync(CookieSigningInContext context)
    {
        if (context.Principal?.PersonIdOrNull() is not { } personId || context.Principal.Identity is not ClaimsIdentity identity)
            return;
        var http = context.HttpContext;
        var current = http.User.PersonIdOrNull() == personId ? IdOf(http.User) : null;
        var sessions = http.RequestServices.GetRequiredService<Sessions>();
        var id = await sessions.StartAsync(personId, BrowserKind, StampOf(http, context.Principal), SessionOrigin.From(http),
            current, http.RequestAborted);
        foreach (var old in identity.FindAll(ClaimType).ToList())
            identity.RemoveClaim(old);
        identity.AddClaim(new Claim(ClaimType, id.ToString()));
    }

    /// <summary>This browser signs out: its session goes with it.</summary>
    public static async Task OnCookieSigningOutAsync(CookieSigningOutContext context)
    {
        var http = context.HttpContext;
        if (http.User.PersonIdOrNull() is { } personId && IdOf(http.User) is { } id)
            await http.RequestServices.GetRequiredService<Sessions>().EndQuietlyAsync(personId, id, http.RequestAborted);
    }

    /// <summary>
    /// At each security-stamp check of a cookie (the stamp validator has just accepted it): refuses a cookie whose
    /// session was ended, and gives a cookie made before sessions were kept a session of its own.
    /// </summary>
    public static async Task CheckCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.PersonIdOrNull() is not { } personId || context.Principal.Identity is not ClaimsIdentity identity)
            return;
        var http = context.HttpContext;
        var sessions = http.RequestServices.GetRequiredService<Sessions>();
        if (IdOf(context.Principal) is { } id)
        {
            if (await sessions.IsLiveAsync(personId, id, SessionOrigin.NetworkOf(http.Connection.RemoteIpAddress), http.RequestAborted))
                return;
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var started = await sessions.StartAsync(personId, BrowserKind, StampOf(http, context.Principal), SessionOrigin.From(http),
            null, http.RequestAborted);
        identity.AddClaim(new Claim(ClaimType, started.ToString()));
        context.ShouldRenew = true;
    }

    /// <summary>Keeps the session claim when the stamp validator rebuilds the cookie's principal.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(ClaimType) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity
            && identity.FindFirst(ClaimType) is null)
            identity.AddClaim(new Claim(ClaimType, claim.Value));
        return Task.CompletedTask;
    }

    private static string? StampOf(HttpContext http, ClaimsPrincipal principal) =>
        principal.FindFirstValue(http.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
}

/// <summary>Removes sessions that can no longer be used: past the cookie's lifetime, or signed in under an older
/// security stamp. With them goes the last network they were used from.</summary>
public sealed class SessionsHousekeeping(CornerDbContext db, IOptionsMonitor<CookieAuthenticationOptions> cookies,
    IOptionsMonitor<BearerTokenOptions> tokens) : IHousekeepingStep
{
    public Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        var browserSince = now - cookies.Get(IdentityConstants.ApplicationScheme).ExpireTimeSpan;
        var apiSince = now - tokens.Get(IdentityConstants.BearerScheme).BearerTokenExpiration;
        return db.Database.ExecuteSqlAsync($"""
            delete from sessions s
            where s.last_seen_at < {browserSince}
               or (s.kind = {Sessions.ApiKind} and s.signed_in_at < {apiSince})
               or not exists (select 1 from people p where p.id = s.person_id
                              and encode(sha256(convert_to(coalesce(p.security_stamp, ''), 'UTF8')), 'hex') = s.stamp_hash)
            """, ct);
    }
}
