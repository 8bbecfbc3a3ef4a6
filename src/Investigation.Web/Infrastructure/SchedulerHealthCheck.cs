using Investigation.Workflows.Deadlines;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// Readiness of the deadline scheduler on this node. The one scheduler-specific question is
/// <see cref="IsRunning"/>: re-point it when the scheduler changes.
/// </summary>
public sealed class SchedulerHealthCheck(IServiceProvider services, IOptions<DueTimerOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        // A node configured without a scheduler (Deadlines:Scheduler:Enabled=false) is ready without one.
        if (!options.Value.Enabled) return Task.FromResult(HealthCheckResult.Healthy("No scheduler on this node (disabled in configuration)."));
        return Task.FromResult(IsRunning()
            ? HealthCheckResult.Healthy("The deadline scheduler runs.")
            : HealthCheckResult.Unhealthy("The deadline scheduler is not running."));
    }

    /// <summary>Hangfire: this process's server has started and not stopped.</summary>
    private bool IsRunning() => services.GetService<SchedulerState>() is { IsRunning: true };
}
