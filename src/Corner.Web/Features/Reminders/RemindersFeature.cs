using Corner.Web.Infrastructure.Jobs;

namespace Corner.Web.Features.Reminders;

public static class RemindersFeature
{
    /// <summary>Check-in reminders, and the job queue that sends them.</summary>
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddJobs(configuration);
        services.AddSingleton<ReminderStopToken>();
        services.AddScoped<ReminderPlanner>();
        services.AddScoped<ReminderSettingsEditor>();
        services.AddScoped<IJobHandler, SendReminderJob>();
        services.AddScoped<IRecurringJobStep, ReminderSchedulingStep>();
        return services;
    }
}
