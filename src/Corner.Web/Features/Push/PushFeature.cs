using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Jobs;
using Corner.Web.Infrastructure.Live;

namespace Corner.Web.Features.Push;

/// <summary>Marker type for the push feature's text (Resources/Features/Push/PushText.resx).</summary>
public sealed class PushText;

public sealed class PushFeature : ICornerFeature
{
    /// <summary>Web Push: per-device subscriptions, the installation's VAPID keys, and the job that sends.</summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PushOptions>(configuration.GetSection("Corner:Push"));
        services.AddSingleton<VapidKeys>();
        services.AddScoped<PushSubscriptions>();
        services.AddScoped<PushNotifier>();
        services.AddScoped<ILiveEventRelay>(sp => sp.GetRequiredService<PushNotifier>());
        services.AddScoped<IJobHandler, PushJob>();
        services.AddHttpClient(nameof(PushJob), client => client.Timeout = TimeSpan.FromSeconds(20));
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapPushApi();
}
