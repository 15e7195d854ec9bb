namespace Corner.Web.Infrastructure.Live;

/// <summary>Marker for the live text in Resources/Infrastructure/Live/LiveText.resx.</summary>
public sealed class LiveText;

public static class LiveSetup
{
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
        return services;
    }
}
