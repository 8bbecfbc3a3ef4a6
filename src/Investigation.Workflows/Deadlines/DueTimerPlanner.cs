using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// Keeps a Quartz trigger at the moment the next timer is due (a moment ahead of it: <see cref="DueTimerOptions.Lead"/>), and no busier than that: after each
/// run of <see cref="DueTimersJob"/> (it plans the next), whenever a commit in this process makes an
/// earlier timer (<see cref="DueTimerSignal"/>), and on a slow read-only safety poll. Triggers are
/// one-shot and named after their moment, so two nodes planning the same moment make one trigger, and
/// a node planning an earlier moment never overwrites another node's plan.
/// </summary>
public sealed class DueTimerPlanner(
    ISchedulerFactory schedulers, DueTimers timers, DueTimerSignal signal, TimeProvider clock,
    IOptions<DueTimerOptions> options, ILogger<DueTimerPlanner> logger) : BackgroundService
{
    public const string TriggerGroup = "deadlines";

    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock gate = new();
    // The earliest trigger this node knows to be stored (null: none, or unknown), and the earliest signalled moment not yet planned.
    private DateTimeOffset? planned;
    private DateTimeOffset? requested;
    // A running job waiting for a timer due within its horizon is woken early by an earlier one.
    private TaskCompletionSource nudge = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called by the job as it starts: the trigger that fired it is gone.</summary>
    internal void JobStarted()
    {
        lock (gate) planned = null;
    }

    /// <summary>Waits up to <paramref name="wait"/>, or less if an earlier timer is committed in the meantime.</summary>
    internal async Task WaitAsync(TimeSpan wait, CancellationToken ct)
    {
        Task nudged;
        lock (gate) nudged = (nudge = new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        if (wait > TimeSpan.Zero) await Task.WhenAny(Task.Delay(wait, clock, ct), nudged);
    }

    /// <summary>Stores a trigger for the moment, unless an earlier or equal one is known to be stored.</summary>
    public async Task PlanAsync(DateTimeOffset? at, CancellationToken ct)
    {
        if (at is not { } moment) return;
        lock (gate)
            if (planned is { } p && p <= moment && p > clock.GetUtcNow()) return;
        var scheduler = await schedulers.GetScheduler(ct);
        var trigger = TriggerBuilder.Create(scheduler.TimeProvider)
            .WithIdentity($"due-{moment.UtcTicks}", TriggerGroup)
            .ForJob(DueTimersJob.Key)
            .StartAt(moment - Lead)
            .Build();
        try
        {
            await scheduler.ScheduleJob(trigger, cancellationToken: ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Planned already, here or by another node.
        }
        lock (gate)
            if (planned is null || moment < planned || planned <= clock.GetUtcNow()) planned = moment;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        signal.Committed += OnCommitted;
        try
        {
            await WarmUpAsync(stoppingToken);
            // At start (after a restart, or timers made by another process): plan from the rows.
            await PollAsync(stoppingToken);
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
                await PollAsync(stoppingToken);
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
            if (planned is { } p && p <= at && p > now) return;
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

    // Read-only unless the rows show a timer earlier than every stored trigger: then one trigger is stored.
    private async Task PollAsync(CancellationToken ct)
    {
        try
        {
            var next = await timers.NextDueAtAsync(ct);
            if (next is null) return;
            var scheduler = await schedulers.GetScheduler(ct);
            var stored = await scheduler.GetTriggersOfJob(DueTimersJob.Key, ct);
            var earliest = stored.Select(t => t.NextFireTimeUtc).Where(t => t is not null).Min();
            lock (gate) planned = earliest;
            if (earliest is null || next < earliest) await PlanAsync(next, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Planning the next deadline timer failed; trying again at the next poll.");
        }
    }
}
