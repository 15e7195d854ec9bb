using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Bonds;

public static class BondsFeature
{
    public static IServiceCollection AddBonds(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<BondQueries>();
        services.AddScoped<SpaceAccessor>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<SpaceAccessPageFilter>());
        services.AddScoped<BondCreator>();
        services.AddScoped<InvitationIssuer>();
        services.AddScoped<InvitationRedeemer>();
        services.AddScoped<BondLeaver>();
        services.AddScoped<Navigation>();
        services.AddScoped<WaitingForYou>();
        return services;
    }
}
