using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Appreciations;

public sealed class AppreciationsFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AppreciationWriter>();
        services.AddScoped<BackingStatementWriter>();
        services.AddScoped<AppreciationQueries>();
        services.AddScoped<IExportSource, AppreciationsExport>();
        services.AddSpaceHomeCard<SpaceAppreciationsReads>("SpaceAppreciations", SpaceHomePlace.Practices, 10);
        services.AddLiveAnnouncement<AppreciationsText>(AppreciationWriter.LiveKind, "Live_Appreciation");
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapAppreciationsApi();
}
