using Corner.Web.Features.Bonds;
using Corner.Web.Features.Export;
using Corner.Web.Features.Shared;

namespace Corner.Web.Features.Quiz;

public sealed class QuizFeature : ICornerFeature
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<QuizBank>();
        services.AddScoped<QuizAccess>();
        services.AddScoped<QuizRounds>();
        services.AddScoped<IExportSource, QuizExport>();
        services.AddScoped<IWaitingForYouSource, QuizWaitingSource>();
        services.AddSpaceHomeCard<SpaceQuizReads>("SpaceQuiz", SpaceHomePlace.Later, 10);
    }

    public void MapApi(RouteGroupBuilder api, IEndpointRouteBuilder app) => api.MapQuizApi();
}
