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
}
