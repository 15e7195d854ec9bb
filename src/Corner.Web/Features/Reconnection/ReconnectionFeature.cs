using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Reconnection;

public sealed class ReconnectionFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<ReconnectionPlans>();
        services.AddScoped<IExportSource, ReconnectionExport>();
        services.AddScoped<PauseSignal>();
        services.AddScoped<PausePanelLoader>();
        services.AddScoped<Bonds.IWaitingForYouSource, ReconnectionWaiting>();
        // One set of reads serves both cards (the same pause), so it is queued once, with the pause.
        services.AddSpaceHomeCard<SpaceReconnectionReads>("SpacePause", SpaceHomePlace.First, 10);
        services.AddSpaceHomeCard("SpaceReconnection", SpaceHomePlace.Practices, 40);
        services.AddLiveAnnouncement<ReconnectionText>(PauseSignal.StartedKind, "Live_PauseStarted");
        services.AddLiveAnnouncement<ReconnectionText>(PauseSignal.EndedKind, "Live_PauseEnded");
        services.AddLiveAnnouncement<ReconnectionText>(PauseSignal.ReadyKind, "Live_PauseReady");
        services.AddLiveAnnouncement<ReconnectionText>(PauseSignal.LongerKind, "Live_PauseLonger");
        services.AddLiveAnnouncement<ReconnectionText>(ReconnectionPlans.PlanChangedKind, "Live_PlanChanged");
        services.AddLiveAnnouncement<ReconnectionText>(ReconnectionPlans.PlanConfirmedKind, "Live_PlanConfirmed");
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapReconnectionApi();
}
