using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Counsel;

/// <summary>The outside view (issue 12): a counsellor reads what both members chose to show, read only, for a while,
/// on the record.</summary>
public sealed class CounselFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<CounselGrants>();
        services.AddScoped<CounselDesk>();
        services.AddScoped<CounselEmails>();
        services.AddScoped<BetweenSessions>();
        services.AddScoped<CounselSuggestions>();
        services.AddScoped<Bonds.IWaitingForYouSource, CounselWaiting>();
        services.AddScoped<Bonds.IWaitingForYouSource, CounselSuggestionWaiting>();
        services.AddSpaceHomeCard("SpaceCounsel", SpaceHomePlace.Later, 90);
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapCounselApi();
}
