namespace Corner.Web.Features.Reconnection;

public static class ReconnectionFeature
{
    public static IServiceCollection AddReconnection(this IServiceCollection services)
    {
        services.AddScoped<ReconnectionPlans>();
        services.AddScoped<PauseSignal>();
        services.AddScoped<PausePanelLoader>();
        services.AddScoped<Bonds.IWaitingForYouSource, ReconnectionWaiting>();
        return services;
    }
}
