using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// The Hangfire job that enforces deadlines: fires every due timer (<see cref="DueTimers"/>), keeps
/// going while the next one is due within the horizon, then leaves a delayed job for the next. The
/// timer rows decide what fires, never Hangfire: two runs at once would race on the rows and each
/// effect would still happen once, but they would spend the database on it, so a run that finds
/// another under way (<see cref="IDueTimerRunLock"/>) leaves at once; no Hangfire lock is used (a lock
/// left by a killed node would hold every firing until it expired). Not retried by Hangfire: a timer
/// that failed stays in its row and is tried again after RetryAfter; the run then fails, so that the
/// failure shows in the dashboard and on the incidents page.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class DueTimersJob(DueTimers timers, DueTimerPlanner planner, IDueTimerRunLock runLock, TimeProvider clock, IOptions<DueTimerOptions> options, ILogger<DueTimersJob> logger)
{
    public const string SweepId = "deadline-sweep";

    /// <summary>A planned run, due <see cref="DueTimerOptions.Lead"/> before <paramref name="plannedFor"/>.</summary>
    [JobDisplayName("Deadline timers due {0:u}")]
    public async Task FireDueAsync(DateTimeOffset? plannedFor, CancellationToken cancellationToken)
    {
        planner.JobStarted(plannedFor);
        int fired = 0, lost = 0;
        var failures = new List<DueTimerFailure>();
        DateTimeOffset? next;
        await using (var held = await runLock.TryEnterAsync(cancellationToken))
        {
            if (held is null)
            {
                // Another run is under way (here, or on another node): it plans the next once it has let go of the
                // lock. If it is here, it looks again now, in case this run was planned for a timer earlier than the
                // one it waits for.
                planner.Nudge();
                return;
            }
            var started = clock.GetUtcNow();
            while (true)
            {
                var run = await timers.ProcessDueAsync(cancellationToken);
                (fired, lost) = (fired + run.Fired, lost + run.Lost);
                failures.AddRange(run.Failures);
                next = run.NextDueAt;
                var now = clock.GetUtcNow();
                // A failure ends the run, so that it shows (the failed timer's retry is planned as a new run).
                if (next is null || next - now > options.Value.Horizon || now - started > options.Value.MaxRun || failures.Count > 0 || cancellationToken.IsCancellationRequested) break;
                // In slices: a timer committed on another node, earlier than this one, is seen within a slice.
                await planner.WaitAsync(Min(next.Value - now, Slice), cancellationToken);
            }
        }
        // Planned only once the lock is let go: a next run due at once (a failed timer's retry, a backlog) that
        // started while this one still held it would find it taken and leave, and with it the plan, leaving the
        // timer to the safety poll. (Seen in CI: a retry planned under the lock never came.)
        await planner.PlanAsync(next, cancellationToken);
        if (fired + lost + failures.Count > 0)
            logger.LogInformation("Deadline timers: {Fired} fired, {Lost} taken elsewhere or moved, {Failed} failed; next due {Next:u}.", fired, lost, failures.Count, next);
        if (failures.Count > 0) throw new DueTimerFiringException(failures, options.Value.RetryAfter);
    }

    private static readonly TimeSpan Slice = TimeSpan.FromSeconds(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>The recurring safety sweep: whatever is due, whatever was planned.</summary>
    [JobDisplayName("Deadline safety sweep")]
    public Task SweepAsync(CancellationToken cancellationToken) => FireDueAsync(null, cancellationToken);
}

/// <summary>Some timers of a run could not be fired (not lost to a race: failed); they are tried again later.</summary>
public sealed class DueTimerFiringException(IReadOnlyList<DueTimerFailure> failures, TimeSpan retryAfter) : Exception(Describe(failures, retryAfter))
{
    public IReadOnlyList<DueTimerFailure> Failures { get; } = failures;

    private static string Describe(IReadOnlyList<DueTimerFailure> failures, TimeSpan retryAfter) =>
        $"{failures.Count} 个期限定时器触发失败，将在 {retryAfter} 后重试 / {failures.Count} deadline timer(s) could not be fired; trying again in {retryAfter}: "
        + string.Join("; ", failures.Take(10).Select(f => $"{f.BookmarkName} {f.Key}: {f.Error}"))
        + (failures.Count > 10 ? $"; … (+{failures.Count - 10})" : "");
}
