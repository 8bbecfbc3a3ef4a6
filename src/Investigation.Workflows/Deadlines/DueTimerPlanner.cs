using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// Keeps a Hangfire job planned for the next timer (<see cref="DueTimerOptions.Lead"/> ahead of its
/// moment, or at once when that is past), and no busier than that: at start-up from the rows, after
/// each run of <see cref="DueTimersJob"/> (it plans the next), and whenever a commit in this process
/// makes an earlier timer (<see cref="DueTimerSignal"/>). A read-only safety poll on every node asks for
/// a run at once when a timer is overdue by more than <see cref="DueTimerOptions.Takeover"/>: the node
/// that had planned it may have died with the plan. A planned job is only a wake-up: what it fires is
/// read from the rows, so a duplicate wake-up costs a read and nothing more.
/// </summary>
public sealed class DueTimerPlanner(
    IBackgroundJobClient jobs, DueTimers timers, DueTimerSignal signal, IDueTimerRunLock runLock, TimeProvider clock,
    IOptions<DueTimerOptions> options, ILogger<DueTimerPlanner> logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock gate = new();
    // Moments this node has planned jobs for that have not started yet, and the earliest signalled moment not yet planned.
    private readonly SortedSet<DateTimeOffset> planned = [];
    private DateTimeOffset? requested;
    private DateTimeOffset lastTakeover = DateTimeOffset.MinValue;
    // A running job waiting for a timer due within its horizon is woken early by an earlier one.
    private TaskCompletionSource nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private int polls, takeovers;

    /// <summary>Safety polls done since start-up (each one a read of the application's rows).</summary>
    public int Polls => Volatile.Read(ref polls);

    /// <summary>Runs asked for by the safety poll because a timer was overdue (a takeover, or a stall).</summary>
    public int Takeovers => Volatile.Read(ref takeovers);

    /// <summary>Called by the job as it starts: its plan is used up.</summary>
    internal void JobStarted(DateTimeOffset? plannedFor)
    {
        if (plannedFor is { } moment) lock (gate) planned.Remove(moment);
    }

    /// <summary>Wakes a run of this node waiting for its next timer, to look again.</summary>
    internal void Nudge()
    {
        lock (gate) nudge.TrySetResult();
    }

    /// <summary>Waits up to <paramref name="wait"/>, or less if an earlier timer is committed in the meantime.</summary>
    internal async Task WaitAsync(TimeSpan wait, CancellationToken ct)
    {
        Task nudged;
        lock (gate) nudged = (nudge = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        if (wait > TimeSpan.Zero) await Task.WhenAny(Task.Delay(wait, clock, ct), nudged);
    }

    /// <summary>Plans a job for the moment, unless this node has planned one for an earlier or equal moment still to come.</summary>
    public Task PlanAsync(DateTimeOffset? at, CancellationToken ct)
    {
        if (at is not { } moment) return Task.CompletedTask;
        var now = clock.GetUtcNow();
        lock (gate)
        {
            // Plans whose run should have started long ago were lost (a restart of in-memory storage): forget them.
            planned.RemoveWhere(p => p < now - options.Value.MaxRun);
            if (planned.Count > 0 && planned.Min <= moment && planned.Min > now) return Task.CompletedTask;
            planned.Add(moment);
        }
        var startAt = moment - Lead;
        if (startAt <= now) jobs.Enqueue<DueTimersJob>(j => j.FireDueAsync(moment, CancellationToken.None));
        else jobs.Schedule<DueTimersJob>(j => j.FireDueAsync(moment, CancellationToken.None), startAt);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Committed += OnCommitted;
        try
        {
            await WarmUpAsync(stoppingToken);
            // At start (after a restart, or timers made by another process): plan from the rows.
            await PollAsync(startUp: true, stoppingToken);
            var nextPoll = clock.GetUtcNow() + options.Value.SafetyPoll;
            Task? signalled = null;
            while (!stoppingToken.IsCancellationRequested)
            {
                signalled ??= wake.WaitAsync(stoppingToken);
                using (var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    var delay = Task.Delay(Max(nextPoll - clock.GetUtcNow(), TimeSpan.Zero), clock, poll.Token);
                    if (await Task.WhenAny(signalled, delay) == signalled)
                    {
                        await poll.CancelAsync();
                        await signalled;
                        signalled = null;
                        DateTimeOffset? at;
                        lock (gate) (at, requested) = (requested, null);
                        await PlanSafelyAsync(at, stoppingToken);
                        continue;
                    }
                }
                await PollAsync(startUp: false, stoppingToken);
                nextPoll = clock.GetUtcNow() + options.Value.SafetyPoll;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            signal.Committed -= OnCommitted;
        }
    }

    private async Task WarmUpAsync(CancellationToken ct)
    {
        try
        {
            await timers.WarmUpAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Only a head start for the first timers: they fire all the same.
            logger.LogWarning(e, "Warming up the deadline path failed; the first timers will pay for it.");
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    // Never more than the job's horizon: a job started earlier than that would find nothing it waits for, and plan again.
    private TimeSpan Lead => Max(TimeSpan.Zero, options.Value.Lead < options.Value.Horizon ? options.Value.Lead : options.Value.Horizon);

    private void OnCommitted(DateTimeOffset at)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            // A running job waiting for a timer within its horizon looks again (this one may be earlier).
            if (at <= now + options.Value.Horizon) nudge.TrySetResult();
            if (planned.Count > 0 && planned.Min <= at && planned.Min > now) return;
            requested = requested is { } r && r <= at ? r : at;
        }
        wake.Release();
    }

    private async Task PlanSafelyAsync(DateTimeOffset? at, CancellationToken ct)
    {
        try
        {
            await PlanAsync(at, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Planning the deadline timer due at {At} failed; the safety poll will plan it.", at);
        }
    }

    // Read-only on the application's tables. At start-up it plans the next timer; afterwards it asks
    // for a run only when a timer is overdue by more than the takeover margin, at most once a margin.
    private async Task PollAsync(bool startUp, CancellationToken ct)
    {
        try
        {
            var next = await timers.NextDueAtAsync(ct);
            Interlocked.Increment(ref polls);
            if (next is null) return;
            var now = clock.GetUtcNow();
            if (startUp)
            {
                await PlanAsync(next, ct);
                return;
            }
            var takeover = options.Value.Takeover;
            // A run of this node is under way: the timer is late because of a backlog, not because its plan was lost.
            if (next >= now - takeover || lastTakeover > now - takeover || runLock.HeldHere) return;
            lastTakeover = now;
            Interlocked.Increment(ref takeovers);
            logger.LogWarning("The deadline timer due at {Next:u} is {Late} late; asking for a run here.", next, now - next);
            jobs.Enqueue<DueTimersJob>(j => j.FireDueAsync(null, CancellationToken.None));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Looking for overdue deadline timers failed; trying again at the next poll.");
        }
    }
}
