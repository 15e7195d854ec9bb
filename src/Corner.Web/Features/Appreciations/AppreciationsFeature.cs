namespace Corner.Web.Features.Appreciations;

public static class AppreciationsFeature
{
    public static IServiceCollection AddAppreciations(this IServiceCollection services)
    {
        services.AddScoped<AppreciationWriter>();
        services.AddScoped<BackingStatementWriter>();
        services.AddScoped<AppreciationQueries>();
        return services;
    }
}
