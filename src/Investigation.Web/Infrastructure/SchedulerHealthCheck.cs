using Investigation.Workflows.Deadlines;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Readiness of the deadline scheduler on this node. The one scheduler-specific question is
/// <see cref="IsRunningAsync"/>: re-point it when the scheduler changes.
/// </summary>
public sealed class SchedulerHealthCheck(IServiceProvider services, IOptions<DueTimerOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // A node configured without a scheduler (Deadlines:Scheduler:Enabled=false) is ready without one.
        if (!options.Value.Enabled) return HealthCheckResult.Healthy("No scheduler on this node (disabled in configuration).");
        return await IsRunningAsync(ct)
            ? HealthCheckResult.Healthy("The deadline scheduler runs.")
            : HealthCheckResult.Unhealthy("The deadline scheduler is not running.");
    }

    /// <summary>Quartz: this process's scheduler is running (started, not in standby, not shutting down).</summary>
    private async Task<bool> IsRunningAsync(CancellationToken ct)
    {
        if (services.GetService<ISchedulerFactory>() is not { } factory) return false;
        var scheduler = await factory.GetScheduler(ct);
        return scheduler.Status == SchedulerStatus.Running;
    }
}
