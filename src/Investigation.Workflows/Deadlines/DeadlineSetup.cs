using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Investigation.Workflows.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Deadlines;

public static class DeadlineSetup
{
    /// <summary>
    /// Deadline enforcement: the policy and calendar, the effects and their notifications, the due-timer
    /// processing, and the Hangfire server that drives it in a host (its hosted services run only under
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
        services.AddSingleton<DueTimerSignal>();
        services.AddSingleton<DueTimerInterceptor>();
        services.AddSingleton<DueTimers>();
        return services.AddInvestigationScheduler(configuration);
    }

    /// <summary>
    /// Hangfire, which only wakes the firing of due timers: the timer rows stay the one truth. Its storage
    /// is in memory on one node (the default: nothing in it outlives the process, and nothing needs to, since
    /// the plan is rebuilt from the rows at start-up), or PostgreSQL (its own "hangfire" schema in the
    /// application's database) when Database:Provider is Postgres, shared by every node. The storage and
    /// the job client are registered even where no server runs, for the dashboard and the incidents page.
    /// Hangfire's static configuration is not used for the storage, so that two hosts in one process (tests)
    /// keep their own.
    /// </summary>
    private static IServiceCollection AddInvestigationScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new DueTimerOptions();
        configuration.GetSection("Deadlines:Scheduler").Bind(options);
        var database = DatabaseOptions.From(configuration);
        HangfireDefaults.Apply();

        services.AddSingleton<JobStorage>(_ => database.IsPostgres ? PostgresStorage(database.ConnectionString, options) : new InMemoryStorage(new InMemoryStorageOptions
        {
            // Finished runs stay in the dashboard a day at most: kept in memory, they cost RAM (failed runs do not expire).
            MaxExpirationTime = TimeSpan.FromDays(1),
        }));
        services.AddSingleton<IBackgroundJobClient>(sp => new BackgroundJobClient(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<IRecurringJobManager>(sp => new RecurringJobManager(sp.GetRequiredService<JobStorage>()));
        services.AddSingleton<SchedulerState>();
        services.AddSingleton<IDueTimerRunLock>(_ => database.IsPostgres ? new PostgresRunLock(database.ConnectionString) : new ProcessRunLock());
        if (!options.Enabled) return services;

        services.AddTransient<DueTimersJob>();
        services.AddSingleton<DueTimerPlanner>();
        // The server first: the planner's start-up plan goes to a running server.
        services.AddHostedService<HangfireServerHost>();
        services.AddHostedService(sp => sp.GetRequiredService<DueTimerPlanner>());
        return services;
    }

    private static PostgreSqlStorage PostgresStorage(string connectionString, DueTimerOptions options)
    {
        var storage = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // With the default (10 minutes), locks left by a killed node held overdue jobs the whole time.
            DistributedLockTimeout = options.DistributedLockTimeout,
            // A fetched job stays claimed while its node lives, and is given back soon after it dies.
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromMinutes(1),
            // Workers are woken by NOTIFY when a job is queued, so the queue poll can stay slow.
            EnableLongPolling = true,
            QueuePollInterval = options.QueuePollInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storage), storage);
    }
}

/// <summary>Hangfire's process-wide settings, set once: its serializer and compatibility level.</summary>
internal static class HangfireDefaults
{
    private static readonly Lazy<bool> Applied = new(() =>
    {
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        return true;
    });

    public static void Apply() => _ = Applied.Value;
}
