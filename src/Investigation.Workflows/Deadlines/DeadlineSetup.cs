using Investigation.Workflows.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Investigation.Workflows.Deadlines;

public static class DeadlineSetup
{
    /// <summary>
    /// Deadline enforcement: the policy and calendar, the effects and their notifications, the due-timer
    /// processing, and the Quartz scheduler that drives it in a host (its hosted services run only under
    /// a host: tests and tools that build a plain service provider drive the processing with their own clock).
    /// </summary>
    public static IServiceCollection AddInvestigationDeadlines(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DueTimerOptions>(configuration.GetSection("Deadlines:Scheduler"));
        services.AddSingleton<DeadlinePolicy>();
        services.AddScoped<Recipients>();
        services.AddScoped<DeadlineEffects>();
        services.AddScoped<INotificationChannel, InAppChannel>();
        services.AddScoped<Notifier>();
        services.AddScoped<NewTaskNotifications>();
        services.AddSingleton<DueTimerSignal>();
        services.AddSingleton<DueTimerInterceptor>();
        services.AddSingleton<DueTimers>();
        return services.AddInvestigationScheduler(configuration);
    }

    /// <summary>
    /// The Quartz scheduler that fires due timers, for a host that runs in the background (the web
    /// application). Its store is the application's database: the SQLite file (one scheduler per file),
    /// or PostgreSQL with clustering, where every node shares the triggers and one runs the job at a
    /// time. Quartz creates its own tables (QRTZ_*) when they are missing; the host must apply the
    /// application's migrations before it starts the scheduler (Startup.PrepareAsync runs before the
    /// hosted services start). Quartz reads time from the application's TimeProvider too, but only to
    /// know when to wake: whether a timer is due is decided by <see cref="DueTimers"/>.
    /// </summary>
    private static IServiceCollection AddInvestigationScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DueTimerOptions();
        configuration.GetSection("Deadlines:Scheduler").Bind(options);
        if (!options.Enabled) return services;
        var database = DatabaseOptions.From(configuration);

        services.AddSingleton<DueTimerPlanner>();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = options.Name);
            q.UsePersistentStore(store =>
            {
                if (database.IsPostgres)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering();
                }
                else store.UseSqlite(database.ConnectionString);
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
            });
            q.AddJob<DueTimersJob>(j => j.WithIdentity(DueTimersJob.Key).StoreDurably().RequestRecovery());
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService(sp => sp.GetRequiredService<DueTimerPlanner>());
        return services;
    }
}
