using Corner.Web.Features.Shared;
using Corner.Web.Infrastructure.Jobs;

namespace Corner.Web.Features.Reminders;

public sealed class RemindersFeature : ICornerFeature
{
    /// <summary>Check-in reminders, and the job queue that sends them.</summary>
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddJobs(configuration);
        services.AddSingleton<ReminderStopToken>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<ReminderSettingsEditor>();
        services.AddScoped<IJobHandler, SendReminderJob>();
        services.AddScoped<IRecurringJobStep, ReminderSchedulingStep>();
    }
}
