using System.Security.Claims;
using Corner.Web.Data;

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
    public async Task InvokeAsync(HttpContext context, CornerDbContext db)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<WithoutRequestTransactionAttribute>() is not null
            || context.GetEndpoint() is null)
        {
            await next(context);
            return;
        }

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
                await transaction.RollbackAsync();
            }
            throw;
        }
    }
}

/// <summary>After authentication: tells the database which person is asking.</summary>
public sealed class DbScopeFromUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, CornerDbContext db)
    {
        if (context.User.PersonIdOrNull() is { } personId)
            await db.ActAsAsync(personId, context.RequestAborted);
        else if (db.Scope.PersonId is not null || db.Scope.IsSystem)
            await db.ActAsNobodyAsync(context.RequestAborted);
        await next(context);
    }
}

public static class ClaimsPrincipalExtensions
{
    public static Guid? PersonIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    /// <summary>The signed-in person's id; only call where authorization already requires sign-in.</summary>
    public static Guid PersonId(this ClaimsPrincipal user) =>
        user.PersonIdOrNull() ?? throw new InvalidOperationException("No signed-in person.");
}
