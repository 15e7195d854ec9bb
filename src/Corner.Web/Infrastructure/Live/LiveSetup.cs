using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Corner.Web.Infrastructure.Live;

/// <summary>Marker for the live text in Resources/Infrastructure/Live/LiveText.resx.</summary>
public sealed class LiveText;

public static class LiveSetup
{
    /// <summary>The page whose opening marks a space's check-ins as seen.</summary>
    public const string CheckInsPage = "/CheckIns/History";

    public static IServiceCollection AddLive(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<LiveOptions>(configuration.GetSection("Corner:Live"));
        services.AddSingleton<LiveHub>();
        services.AddSingleton<LiveListener>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveListener>());
        services.AddHostedService<LiveHeartbeat>();
        services.AddScoped<LiveEvents>();
        services.AddScoped<LiveUnread>();
        services.AddScoped<LiveCatchUp>();
        services.AddScoped<Jobs.IHousekeepingStep, LiveEventsHousekeeping>();
        services.Configure<RazorPagesOptions>(o =>
            o.Conventions.AddPageApplicationModelConvention(CheckInsPage, page => page.Filters.Add(new MarkCheckInsSeenFilter())));
        return services;
    }
}

/// <summary>
/// After a successful GET of a space's check-ins page, records that the person has seen that space's
/// check-ins as of the moment the request began (so anything committed while the page was being read
/// still counts as new). Runs inside the request's transaction.
/// </summary>
internal sealed class MarkCheckInsSeenFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var http = context.HttpContext;
        var openedAt = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var executed = await next();
        if (!HttpMethods.IsGet(http.Request.Method) || executed.Exception is not null || executed.Result is not PageResult
            || http.User.PersonIdOrNull() is not { } personId
            || !Guid.TryParse(context.RouteData.Values["bondId"]?.ToString(), out var bondId))
            return;
        await http.RequestServices.GetRequiredService<LiveUnread>().MarkSeenAsync(personId, bondId, openedAt, http.RequestAborted);
    }
}
