namespace Corner.Web.Features.CycleMap;

/// <summary>Marker for the cycle map's text in Resources/Features/CycleMap/CycleMapText.resx.</summary>
public sealed class CycleMapText;

public static class CycleMapFeature
{
    /// <summary>Live kind: a shared half was shared, changed or taken back to a draft (never sent for a draft).</summary>
    public const string HalfLiveKind = "cycle_half";

    /// <summary>Live kind: a time the cycle showed up was noted or taken away.</summary>
    public const string TimeLiveKind = "cycle_time";

    public static IServiceCollection AddCycleMap(this IServiceCollection services)
    {
        services.AddScoped<CycleHalfWriter>();
        services.AddScoped<CycleTimeRecorder>();
        services.AddScoped<CycleMapQueries>();
        return services;
    }
}
