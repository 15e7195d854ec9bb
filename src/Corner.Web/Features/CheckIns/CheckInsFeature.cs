using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;

namespace Corner.Web.Features.CheckIns;

public sealed class CheckInsFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PersonalDay>();
        services.AddScoped<CheckInRecorder>();
        services.AddScoped<CheckInQueries>();
        services.AddScoped<IExportSource, CheckInsExport>();
        services.AddScoped<ReflectionWriter>();
        services.AddScoped<CheckInTakeBack>();
        services.AddScoped<Bonds.IWaitingForYouSource, CheckInsWaiting>();
        services.AddSpaceHomeCard<SpaceCheckInsReads>("SpaceCheckIns", SpaceHomePlace.Now, 10);
        services.AddLiveAnnouncement<Infrastructure.Live.LiveText>(Infrastructure.Live.LiveKinds.CheckIn, "Live_CheckedIn");
        services.AddLiveAnnouncement<Infrastructure.Live.LiveText>(Infrastructure.Live.LiveKinds.Reflection, "Live_Reflected");
        services.AddLiveAnnouncement<Infrastructure.Live.LiveText>(Infrastructure.Live.LiveKinds.ReflectionAnswer, "Live_Answered");
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapCheckInsApi();
}
