using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Bonds;

public sealed class BondsFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
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
        services.Configure<ClosedSpaceOptions>(configuration.GetSection("Corner:ClosedSpaces"));
        services.AddScoped<Corner.Web.Infrastructure.Jobs.IHousekeepingStep, ClosedSpaceKeyShredding>();
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapBondsApi();
}
