using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Jobs;

namespace Corner.Web.Features.Moments;

public sealed class MomentsFeature : ICornerFeature
{
    /// <summary>Moments, asks and missed moments (practice P7, P8, docs/architecture.md), their "waiting for you" items and email nudges.</summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MomentWriter>();
        services.AddScoped<BackingAskWriter>();
        services.AddScoped<MissedMomentWriter>();
        services.AddScoped<MomentQueries>();
        services.AddScoped<MomentsTakeBack>();
        services.AddScoped<IExportSource, MomentsExport>();
        services.AddScoped<MomentNudges>();
        services.AddScoped<MomentMonth>();
        services.AddScoped<IJobHandler, MomentNudgeJob>();
        services.AddScoped<Bonds.IWaitingForYouSource, MomentsWaiting>();
        services.AddSpaceHomeCard<SpaceMomentsReads>("SpaceMoments", SpaceHomePlace.Practices, 20);
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.MomentRecorded, "Live_MomentRecorded");
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.MomentAnswered, "Live_MomentAnswered");
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.MomentReinforced, "Live_MomentReinforced");
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.BackingAsked, "Live_BackingAsked");
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.MissedMoment, "Live_MissedMoment");
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.MissedResponse, "Live_MissedResponse");
        services.AddLiveAnnouncement<MomentsText>(MomentKinds.MissedRepaired, "Live_MissedRepaired");
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapMomentsApi();
}
