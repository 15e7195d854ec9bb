using Corner.Web.Features.Bonds;

namespace Corner.Web.Features.Quiz;

public static class QuizFeature
{
    public static IServiceCollection AddQuiz(this IServiceCollection services)
    {
        services.AddSingleton<QuizBank>();
        services.AddScoped<QuizAccess>();
        services.AddScoped<QuizRounds>();
        services.AddScoped<IWaitingForYouSource, QuizWaitingSource>();
        return services;
    }
}
