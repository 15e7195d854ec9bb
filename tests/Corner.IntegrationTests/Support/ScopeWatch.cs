using System.Collections.Concurrent;
using Corner.Web.Data;
using Corner.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Corner.IntegrationTests.Support;

/// <summary>
/// Issue 10: no request ever ends in the system scope. Every app a test starts runs this first: when a response
/// starts (after the request's transaction has committed) and when the request ends, the database scope must be
/// the signed-in person's, or nobody's, never system. A request that breaks that is turned into a 500 (so the test
/// that sent it fails, whatever it asserts), with <see cref="LeakHeader"/> saying what leaked. A test that sends
/// <see cref="RequestHeader"/> can read the scope its request ended in from <see cref="Ended"/>.
/// </summary>
public sealed class ScopeWatch : IStartupFilter
{
    public const string RequestHeader = "X-Test-Scope-Watch";
    public const string LeakHeader = "X-Test-Scope-Leak";

    /// <summary>The scope each watched request ended in: "person:{id}", "nobody" or "system…".</summary>
    public static ConcurrentDictionary<string, string> Ended { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            context.Response.OnStarting(() =>
            {
                if (Check(context) is { } leak)
                {
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.Headers[LeakHeader] = leak;
                }
                return Task.CompletedTask;
            });
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                if (context.Request.Headers[RequestHeader].ToString() is { Length: > 0 } id)
                    Ended[id] = Describe(context.RequestServices.GetRequiredService<CornerDbContext>().Scope);
            }
        });
        next(app);
    };

    private static string? Check(HttpContext context)
    {
        var scope = context.RequestServices.GetRequiredService<CornerDbContext>().Scope;
        var user = context.User.PersonIdOrNull();
        var fine = !scope.IsSystem && (scope.PersonId is null || user is null || scope.PersonId == user);
        return fine ? null : $"{context.Request.Method} {context.Request.Path}: {Describe(scope)} (signed in as {user?.ToString() ?? "nobody"})";
    }

    private static string Describe(DbScope scope) =>
        (scope.IsSystem ? "system, " : "") + (scope.PersonId is { } id ? $"person:{id}" : "nobody");
}
