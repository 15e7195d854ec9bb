using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;

namespace Corner.Web.Features.PartnerMap;

public sealed class PartnerMapFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<MapWriter>();
        services.AddScoped<MapQueries>();
        services.AddScoped<MapTakeBack>();
        services.AddScoped<IExportSource, PartnerMapExport>();
        services.AddScoped<QuestionOfTheDay>();
        services.AddScoped<Bonds.IWaitingForYouSource, PartnerMapWaiting>();
        services.AddSpaceHomeCard<SpacePartnerMapReads>("SpacePartnerMap", SpaceHomePlace.Now, 20);
        services.AddLiveAnnouncement<PartnerMapText>(MapWriter.LiveKind, "Live_Changed");
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapPartnerMapApi();
}
