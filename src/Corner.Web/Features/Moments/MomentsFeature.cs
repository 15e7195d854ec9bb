using Corner.Web.Infrastructure.Jobs;

namespace Corner.Web.Features.Moments;

public static class MomentsFeature
{
    /// <summary>Moments, asks and missed moments (DESIGN P7, P8), their "waiting for you" items and email nudges.</summary>
    public static IServiceCollection AddMoments(this IServiceCollection services)
    {
        services.AddScoped<MomentWriter>();
        services.AddScoped<BackingAskWriter>();
        services.AddScoped<MissedMomentWriter>();
        services.AddScoped<MomentQueries>();
        services.AddScoped<MomentNudges>();
        services.AddScoped<MomentMonth>();
        services.AddScoped<IJobHandler, MomentNudgeJob>();
        services.AddScoped<Bonds.IWaitingForYouSource, MomentsWaiting>();
        return services;
    }
}
