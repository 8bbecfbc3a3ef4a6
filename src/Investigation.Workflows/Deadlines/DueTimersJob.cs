using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// The Quartz job that enforces deadlines: fires every due timer (<see cref="DueTimers"/>), keeps
/// going while the next one is due within a moment, then leaves a trigger for the next. One run at a
/// time, across the whole cluster ([DisallowConcurrentExecution] on a clustered store); a run cut off
/// by a crash is recovered by another node (RequestRecovery), and nothing is lost if it is not: every
/// timer is a row that stays until the step that applies its effect commits.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DueTimersJob(DueTimers timers, DueTimerPlanner planner, TimeProvider clock, IOptions<DueTimerOptions> options, ILogger<DueTimersJob> logger) : IJob
{
    public static readonly JobKey Key = new("due-timers", DueTimerPlanner.TriggerGroup);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        planner.JobStarted();
        var started = clock.GetUtcNow();
        int fired = 0, lost = 0, failed = 0;
        DateTimeOffset? next;
        while (true)
        {
            var run = await timers.ProcessDueAsync(cancellationToken);
            (fired, lost, failed) = (fired + run.Fired, lost + run.Lost, failed + run.Failed);
            next = run.NextDueAt;
            var now = clock.GetUtcNow();
            if (next is null || next - now > options.Value.Horizon || now - started > options.Value.MaxRun || cancellationToken.IsCancellationRequested) break;
            await planner.WaitAsync(next.Value - now, cancellationToken);
        }
        await planner.PlanAsync(next, cancellationToken);
        if (fired + lost + failed > 0)
            logger.LogInformation("Deadline timers: {Fired} fired, {Lost} taken elsewhere or moved, {Failed} failed; next due {Next:u}.", fired, lost, failed, next);
    }
}
