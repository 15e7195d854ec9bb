using System.Security.Claims;
using Corner.Web.Data;
using Corner.Web.Features.Accounts;
using Corner.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace Corner.Web.Infrastructure;

/// <summary>Marks an endpoint that must not hold a database transaction for its whole life
/// (live event streams, liveness probes, the benchmark's hello).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class WithoutRequestTransactionAttribute : Attribute;

/// <summary>
/// One transaction per request. It commits just before the response starts, so nothing is
/// acknowledged that is not durable, and rolls back if the request throws first.
/// </summary>
public sealed class RequestTransactionMiddleware(RequestDelegate next)
{
    /// <summary>Whether this request runs in the request's transaction (every endpoint but those marked otherwise).</summary>
    public static bool Opens(HttpContext context) =>
        context.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<WithoutRequestTransactionAttribute>() is null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Opens(context))
        {
            await next(context);
            return;
        }

        // Resolved only here: a live stream, open for minutes, keeps its request's services as long as it is open.
        var db = context.RequestServices.GetRequiredService<CornerDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.RequestAborted);
        var finished = false;
        async Task CommitOnce()
        {
            if (finished) return;
            finished = true;
            await transaction.CommitAsync();
        }

        context.Response.OnStarting(CommitOnce);
        try
        {
            await next(context);
            await CommitOnce();
        }
        catch
        {
            if (!finished)
            {
                finished = true;
                try
                {
                    await transaction.RollbackAsync();
                }
                catch (Exception rollback) when (rollback is Npgsql.NpgsqlException or InvalidOperationException)
                {
                    // The connection broke (the database went away): PostgreSQL rolls back by itself, and the
                    // first error is the one that says what happened.
                }
            }
            throw;
        }
    }
}

/// <summary>
/// After authentication: tells the database which person is asking. A bearer token is also checked
/// against the person's security stamp and its session on every call, so "sign out everywhere", a password
/// change or reset, or signing that token out in the privacy centre ends it at once, as they do cookies (a
/// cookie is checked by its own validator).
/// </summary>
public sealed class DbScopeFromUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, DbScope scope)
    {
        var services = context.RequestServices;
        var bearer = CornerSecurity.CarriesBearerToken(context.Request);
        // Without the request's transaction (a live stream, open for minutes) there is nothing to tell PostgreSQL yet:
        // the scope is enough, and a database context is made only if the request reads the database (the transaction
        // it begins then carries who is asking). With it, the open transaction is told at once.
        var db = RequestTransactionMiddleware.Opens(context) || bearer ? services.GetRequiredService<CornerDbContext>() : null;
        var personId = context.User.PersonIdOrNull();
        if (personId is not null || scope.PersonId is not null || scope.IsSystem)
            await ActAsAsync(personId);
        // Identity's services (a large graph) are resolved only for a token, which is checked on every call.
        if (personId is { } id && bearer && !await TokenIsCurrentAsync(context, id, db!,
                services.GetRequiredService<SignInManager<Person>>(), services.GetRequiredService<Sessions>()))
        {
            await ActAsAsync(null);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return;
        }
        await next(context);

        Task ActAsAsync(Guid? person)
        {
            if (db is not null)
                return person is { } p ? db.ActAsAsync(p, context.RequestAborted) : db.ActAsNobodyAsync(context.RequestAborted);
            scope.Set(person, system: false);
            return Task.CompletedTask;
        }
    }

    // The person's own rows are readable only inside a transaction that carries who is asking. A token made
    // before sessions were kept has none and is refused (tokens live an hour; the app signs in again).
    private static Task<bool> TokenIsCurrentAsync(HttpContext context, Guid personId, CornerDbContext db,
        SignInManager<Person> signIn, Sessions sessions) =>
        db.InTransactionAsync(async () => await signIn.ValidateSecurityStampAsync(context.User) is not null
            && Sessions.IdOf(context.User) is { } session
            && await sessions.IsLiveAsync(personId, session, SessionOrigin.NetworkOf(context.Connection.RemoteIpAddress), context.RequestAborted));
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? PersonIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    /// <summary>Set (to "counsellor") on a counsellor's cookie and token: what kind of account is signed in.</summary>
    public const string KindClaimType = "corner:kind";

    /// <summary>Whether a counsellor is signed in (Features/Counsel): they only read what couples grant them.</summary>
    public static bool IsCounsellor(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim(KindClaimType, Data.PersonKinds.Counsellor);

    /// <summary>The signed-in person's id; only call where authorization already requires sign-in.</summary>
    public static Guid PersonId(this ClaimsPrincipal user) =>
        user.PersonIdOrNull() ?? throw new InvalidOperationException("No signed-in person.");
}
