using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Bonds;

public static class BondsFeature
{
    public static IServiceCollection AddBonds(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<BondQueries>();
        services.AddScoped<Navigation>();
        return services;
    }
}
