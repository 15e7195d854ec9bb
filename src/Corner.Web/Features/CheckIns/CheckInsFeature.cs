namespace Corner.Web.Features.CheckIns;

public static class CheckInsFeature
{
    public static IServiceCollection AddCheckIns(this IServiceCollection services)
    {
        services.AddScoped<PersonalDay>();
        services.AddScoped<CheckInRecorder>();
        services.AddScoped<CheckInQueries>();
        services.AddScoped<ReflectionWriter>();
        services.AddScoped<Bonds.IWaitingForYouSource, CheckInsWaiting>();
        return services;
    }
}
