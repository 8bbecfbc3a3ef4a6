using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// Whether this process's Hangfire server is running, for a readiness check to ask. False on a node
/// with Deadlines:Scheduler:Enabled=false, before the host has started it, and once it stops.
/// </summary>
public sealed class SchedulerState
{
    private volatile bool running;

    public bool IsRunning => running;

    /// <summary>The server's name in Hangfire's dashboard, while it runs.</summary>
    public string? ServerName { get; private set; }

    internal void Started(string name) => (ServerName, running) = (name, true);

    internal void Stopped() => running = false;
}

/// <summary>
/// Runs this node's Hangfire server under the host, after registering the recurring jobs (the deadline
/// safety sweep and the nightly audit-chain check). The server's jobs are built from the host's services,
/// one scope per job.
/// </summary>
internal sealed class HangfireServerHost(
    JobStorage storage, IRecurringJobManager recurring, IServiceScopeFactory scopes, SchedulerState state,
    IOptions<DueTimerOptions> options, IEnumerable<IRecurringJobs> others, ILogger<HangfireServerHost> logger) : IHostedService, IDisposable
{
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var problems = o.Problems().ToList();
        if (problems.Count > 0) throw new OptionsValidationException(nameof(DueTimerOptions), typeof(DueTimerOptions), problems);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        recurring.AddOrUpdate<DueTimersJob>(DueTimersJob.SweepId, j => j.SweepAsync(CancellationToken.None), o.SweepCron, new RecurringJobOptions { TimeZone = zone });
        foreach (var jobs in others) jobs.AddTo(recurring, o, zone);
        // Hangfire adds the process id and a unique suffix to the name itself.
        var name = $"{o.Name}-{Environment.MachineName}";
        server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = o.HangfireWorkers,
            SchedulePollingInterval = o.SchedulePollingInterval,
            Activator = new AspNetCoreJobActivator(scopes),
        }, storage);
        state.Started(name);
        logger.LogInformation("Hangfire server {Name} started on {Storage}.", name, storage.GetType().Name);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is null) return;
        state.Stopped();
        server.SendStop();
        await server.WaitForShutdownAsync(cancellationToken);
    }

    public void Dispose()
    {
        state.Stopped();
        server?.Dispose();
    }
}
