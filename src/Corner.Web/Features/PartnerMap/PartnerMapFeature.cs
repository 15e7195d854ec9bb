using Microsoft.Extensions.Localization;

namespace Corner.Web.Features.PartnerMap;

public static class PartnerMapFeature
{
    public static IServiceCollection AddPartnerMap(this IServiceCollection services)
    {
        services.AddScoped<MapWriter>();
        services.AddScoped<MapQueries>();
        services.AddScoped<QuestionOfTheDay>();
        services.AddScoped<Bonds.IWaitingForYouSource, PartnerMapWaiting>();
        return services;
    }

    /// <summary>What a screen reader hears when the map changed live ("{0} added something…"), for the layout's
    /// <c>data-text-partner-map</c>; the text stays in this feature's resx.</summary>
    public static string LiveAnnouncement(HttpContext http) =>
        http.RequestServices.GetRequiredService<IStringLocalizer<PartnerMapText>>()["Live_Changed"];
}
