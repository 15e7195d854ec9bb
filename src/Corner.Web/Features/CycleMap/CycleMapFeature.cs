using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;

namespace Corner.Web.Features.CycleMap;

/// <summary>Marker for the cycle map's text in Resources/Features/CycleMap/CycleMapText.resx.</summary>
public sealed class CycleMapText;

public sealed class CycleMapFeature : ICornerFeature
{
    /// <summary>Live kind: a shared half was shared, changed or taken back to a draft (never sent for a draft).</summary>
    public const string HalfLiveKind = "cycle_half";

    /// <summary>Live kind: a time the cycle showed up was noted or taken away.</summary>
    public const string TimeLiveKind = "cycle_time";

    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CycleHalfWriter>();
        services.AddScoped<CycleTimeRecorder>();
        services.AddScoped<CycleMapQueries>();
        services.AddScoped<IExportSource, CycleMapExport>();
        services.AddSpaceHomeCard<SpaceCycleMapReads>("SpaceCycleMap", SpaceHomePlace.Practices, 30);
        services.AddLiveAnnouncement<Infrastructure.Live.LiveText>(HalfLiveKind, "Live_CycleHalf");
        services.AddLiveAnnouncement<Infrastructure.Live.LiveText>(TimeLiveKind, "Live_CycleTime");
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapCycleMapApi();
}
