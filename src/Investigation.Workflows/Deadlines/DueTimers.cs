using System.Collections.Concurrent;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Deadlines;

/// <summary>Settings of deadline enforcement's scheduling, under "Deadlines:Scheduler".</summary>
public sealed class DueTimerOptions
{
    /// <summary>Run a Hangfire server in this process (a node that only serves pages may turn it off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Hangfire server's name prefix in the dashboard (the machine's name and a number follow it).</summary>
    public string Name { get; set; } = "investigation";

    /// <summary>
    /// How often each node reads, read-only, whether a timer is overdue by more than <see cref="Takeover"/>
    /// (its planned trigger lost with a node that died, say): then it asks for a firing at once.
    /// </summary>
    public TimeSpan SafetyPoll { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How late a timer may be before any node's safety poll takes it over.</summary>
    public TimeSpan Takeover { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The Hangfire recurring safety sweep (cron): fires whatever is due and plans the next, shown in the dashboard.</summary>
    public string SweepCron { get; set; } = "* * * * *";

    /// <summary>The nightly verification of the audit chain (cron, in <see cref="TimeZone"/>).</summary>
    public string AuditCheckCron { get; set; } = "30 2 * * *";

    /// <summary>Where the recurring jobs' cron expressions are read.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>How often Hangfire moves due delayed and recurring jobs to its queue (its own polling; see <see cref="Lead"/>).</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often Hangfire's workers look at the queue when nothing wakes them (PostgreSQL's long polling does).</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Hangfire's workers on this node: one runs the firing, one is left for the sweep and the nightly check.</summary>
    public int HangfireWorkers { get; set; } = 2;

    /// <summary>
    /// How long before a timer's moment its Hangfire job is due. Hangfire stores the moment in whole
    /// seconds and finds it by polling, so it starts a job up to one second early and up to both
    /// polling intervals late: the lead covers that (at least SchedulePollingInterval + QueuePollInterval
    /// + 1 s), and the job then waits in memory for the moment itself.
    /// </summary>
    public TimeSpan Lead { get; set; } = TimeSpan.FromSeconds(31);

    /// <summary>A timer due within this much of the end of a run is waited for in the same run (at least Lead + 1 s).</summary>
    public TimeSpan Horizon { get; set; } = TimeSpan.FromSeconds(32);

    /// <summary>How long one run may keep going before it hands over to a new job.</summary>
    public TimeSpan MaxRun { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Timers read per query.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Transactions fired side by side. One by default: SQLite has a single writer, and on PostgreSQL every
    /// step appends to the one audit chain, so concurrent steps mostly wait for each other there too.
    /// </summary>
    public int Workers { get; set; } = 1;

    /// <summary>How long a timer whose firing failed (not lost to a race: failed) is left before it is tried again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>PostgreSQL storage: how long a lock left by a killed node holds (Hangfire's default, 10 minutes, held overdue jobs that long).</summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The settings that cannot work together, each in both languages; empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        var least = SchedulePollingInterval + QueuePollInterval + TimeSpan.FromSeconds(1);
        if (Lead < least)
            yield return $"Deadlines:Scheduler:Lead（{Lead}）须不小于 SchedulePollingInterval + QueuePollInterval + 1 秒（{least}）。 / Lead ({Lead}) must be at least SchedulePollingInterval + QueuePollInterval + 1 s ({least}).";
        if (Horizon < Lead + TimeSpan.FromSeconds(1))
            yield return $"Deadlines:Scheduler:Horizon（{Horizon}）须不小于 Lead + 1 秒。 / Horizon ({Horizon}) must be at least Lead + 1 s.";
        if (SafetyPoll <= TimeSpan.Zero || Takeover < TimeSpan.Zero)
            yield return "Deadlines:Scheduler:SafetyPoll 须为正，Takeover 不得为负。 / SafetyPoll must be positive and Takeover not negative.";
        if (HangfireWorkers < 2)
            yield return "Deadlines:Scheduler:HangfireWorkers 至少为 2（一个触发，一个留给巡检和夜间核验）。 / HangfireWorkers must be at least 2 (one fires, one is left for the sweep and the nightly check).";
        if (DistributedLockTimeout < TimeSpan.FromSeconds(30) || DistributedLockTimeout > TimeSpan.FromSeconds(60))
            yield return "Deadlines:Scheduler:DistributedLockTimeout 须在 30 至 60 秒之间。 / DistributedLockTimeout must be between 30 and 60 seconds.";
    }
}

/// <summary>What one pass over the due timers did.</summary>
public sealed record DueTimersRun(int Fired, int Lost, int Failed, DateTimeOffset? NextDueAt)
{
    /// <summary>The timers that failed (not lost to a race), each with why: what the dashboard and the incidents page show.</summary>
    public IReadOnlyList<DueTimerFailure> Failures { get; init; } = [];
}

/// <summary>A timer whose firing failed, and the error.</summary>
public sealed record DueTimerFailure(string BookmarkName, string Key, string Error);

/// <summary>
/// Fires the timers whose moment has come through <see cref="FireDueTimer"/>, as the system, in a scope
/// and a transaction per batch of timers due together (per timer, when a batch is refused). the Hangfire job (<see cref="DueTimersJob"/>) calls it; tests and the benchmark call it
/// directly with their own clock. Whether a timer is due is decided by the application's
/// <see cref="TimeProvider"/> against the bookmark's ResumeAt, never by the scheduler's idea of time.
/// </summary>
public sealed class DueTimers(IServiceScopeFactory scopes, TimeProvider clock, IOptions<DueTimerOptions> options, ILogger<DueTimers> logger)
{
    // Timers that did not go through, left alone until the moment given: a lost race is tried again a
    // moment later (the winner has usually removed the timer by then), a failure after RetryAfter.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, int Attempts)> resting = new();
    private static readonly TimeSpan LostRetry = TimeSpan.FromSeconds(1);
    private const int LostAttempts = 5;

    private enum Outcome { Fired, Lost, Failed }

    /// <summary>Fires everything due now, then says when the next timer is due.</summary>
    public async Task<DueTimersRun> ProcessDueAsync(CancellationToken ct = default)
    {
        int fired = 0, lost = 0, failed = 0;
        var failures = new ConcurrentQueue<DueTimerFailure>();
        var workers = Math.Max(1, options.Value.Workers);
        while (!ct.IsCancellationRequested)
        {
            var due = await DueAsync(ct);
            if (due.Count == 0) break;
            // One transaction per batch; with several workers, a workflow's timers stay in one batch, so that
            // two batches never step the same workflow at once.
            var batches = due.GroupBy(t => t.InstanceId).Select((g, i) => (g, i)).GroupBy(x => x.i % workers)
                .Select(w => w.SelectMany(x => x.g).Select(t => new FireDueTimer.Timer(t.Name, t.Key)).ToList()).ToList();
            var outcomes = new (int Fired, int Lost, int Failed)[batches.Count];
            await Parallel.ForAsync(0, batches.Count, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = ct },
                async (i, c) => outcomes[i] = await FireAsync(batches[i], failures, c));
            var progress = outcomes.Sum(o => o.Fired);
            (fired, lost, failed) = (fired + progress, lost + outcomes.Sum(o => o.Lost), failed + outcomes.Sum(o => o.Failed));
            // Nothing went through (every timer lost to another node, or failed): read again next run, not in a loop now.
            if (progress == 0) break;
        }
        return new(fired, lost, failed, await NextDueAtAsync(ct)) { Failures = [.. failures] };
    }

    /// <summary>The next moment a timer is due (possibly already passed), or null when none is pending.</summary>
    public async Task<DateTimeOffset?> NextDueAtAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        var now = clock.GetUtcNow();
        var restingKeys = RestingKeys(now);
        var next = await Resumable(db, restingKeys)
            .OrderBy(b => b.ResumeAt).Select(b => b.ResumeAt).FirstOrDefaultAsync(ct);
        var wake = resting.Values.Where(r => r.Until > now).Select(r => (DateTimeOffset?)r.Until).Min();
        return next is null ? wake : wake is null || next < wake ? next : wake;
    }

    private sealed record Due(Guid InstanceId, string Name, string Key);

    private async Task<List<Due>> DueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        var now = clock.GetUtcNow();
        var restingKeys = RestingKeys(now);
        var due = await Resumable(db, restingKeys).Where(b => b.ResumeAt <= now)
            .OrderBy(b => b.ResumeAt).Take(options.Value.BatchSize)
            .Select(b => new { b.InstanceId, b.Name, b.Key }).ToListAsync(ct);
        return due.ConvertAll(b => new Due(b.InstanceId, b.Name, b.Key));
    }

    // Timers of instances that can take them: a faulted instance's timers wait for its retry instead of
    // failing on every pass, and a cancelled or finished instance has none left.
    private static IQueryable<Bookmark> Resumable(InvestigationDbContext db, List<string> resting)
    {
        var timers = db.Bookmarks.AsNoTracking()
            .Where(b => b.ResumeAt != null)
            .Where(b => db.WorkflowInstances.Any(i => i.Id == b.InstanceId && (i.Status == WorkflowStatus.Waiting || i.Status == WorkflowStatus.Running)));
        return resting.Count == 0 ? timers : timers.Where(b => !resting.Contains(b.Key));
    }

    private List<string> RestingKeys(DateTimeOffset now)
    {
        // Long past their rest: fired by someone else meanwhile, or to be tried afresh.
        foreach (var (key, r) in resting)
            if (r.Until < now - options.Value.RetryAfter) resting.TryRemove(key, out _);
        return resting.Where(r => r.Value.Until > now).Select(r => r.Key).ToList();
    }

    /// <summary>Fires a batch in one transaction; if the batch as a whole is refused, each timer on its own, so one cannot hold up the others.</summary>
    private async Task<(int Fired, int Lost, int Failed)> FireAsync(IReadOnlyList<FireDueTimer.Timer> batch, ConcurrentQueue<DueTimerFailure> failures, CancellationToken ct)
    {
        if (batch.Count > 1)
        {
            try
            {
                var result = await SendAsync(batch, ct);
                foreach (var timer in result.Fired) resting.TryRemove(timer.Key, out _);
                foreach (var timer in result.Skipped) Rest(timer, null);
                return (result.Fired.Count, result.Skipped.Count, 0);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogDebug(e, "A batch of {Count} timers was refused; firing them one by one.", batch.Count);
            }
        }
        int fired = 0, lost = 0, failed = 0;
        foreach (var timer in batch)
        {
            switch (await FireOneAsync(timer, failures, ct))
            {
                case Outcome.Fired: fired++; break;
                case Outcome.Lost: lost++; break;
                default: failed++; break;
            }
        }
        return (fired, lost, failed);
    }

    private async Task<Outcome> FireOneAsync(FireDueTimer.Timer timer, ConcurrentQueue<DueTimerFailure> failures, CancellationToken ct)
    {
        try
        {
            await SendAsync([timer], ct);
            resting.TryRemove(timer.Key, out _);
            return Outcome.Fired;
        }
        catch (Exception e) when (e is ConflictException or DbUpdateException)
        {
            // Another node or run fired it first, its task was done, its moment moved, or a step of the
            // same workflow committed first (on PostgreSQL the loser may trip over the audit sequence
            // rather than the version). Nothing was written; if the timer is still there, it is tried again.
            Rest(timer, e);
            return Outcome.Lost;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            resting[timer.Key] = (clock.GetUtcNow() + options.Value.RetryAfter, LostAttempts);
            failures.Enqueue(new(timer.BookmarkName, timer.Key, e.GetBaseException().Message));
            logger.LogError(e, "Timer {Name} {Key} could not be fired; trying again in {RetryAfter}.", timer.BookmarkName, timer.Key, options.Value.RetryAfter);
            return Outcome.Failed;
        }
    }

    private void Rest(FireDueTimer.Timer timer, Exception? e)
    {
        var attempts = resting.TryGetValue(timer.Key, out var r) ? r.Attempts + 1 : 1;
        resting[timer.Key] = (clock.GetUtcNow() + (attempts < LostAttempts ? LostRetry : options.Value.RetryAfter), attempts);
        if (attempts < LostAttempts) logger.LogDebug("Timer {Name} {Key} not fired here: {Reason}", timer.BookmarkName, timer.Key, e?.Message ?? "skipped");
        else logger.LogWarning(e, "Timer {Name} {Key} not fired {Attempts} times in a row; trying again in {RetryAfter}.", timer.BookmarkName, timer.Key, attempts, options.Value.RetryAfter);
    }

    /// <summary>
    /// Runs the firing path once on nothing, before the first timer is due: the pipeline and its transaction,
    /// the runtime's lookups, and the recipients' queries, each compiled by EF Core on its first use (tens to
    /// hundreds of milliseconds each). Otherwise the first timers after a start pay for it, and a backlog forms
    /// behind them. It only reads: the firing of a timer that does not exist writes nothing.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken ct = default)
    {
        var nothing = Guid.Empty.ToString();
        try
        {
            await SendAsync([new FireDueTimer.Timer(DeadlineBookmarks.Name, nothing)], ct);
        }
        catch (ConflictException)
        {
            // Nothing fired, as meant.
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        await RuntimeQueries.WaitingAsync(db, DeadlineBookmarks.Name, nothing, ct);
        await RuntimeQueries.InstanceAsync(db, Guid.Empty, ct);
        await RuntimeQueries.TaskAsync(db, Guid.Empty, ct);
        var tree = await scope.ServiceProvider.GetRequiredService<OrganisationStore>().GetAsync(db, ct);
        if (tree.Units.FirstOrDefault() is not { } unit) return;
        var recipients = scope.ServiceProvider.GetRequiredService<Recipients>();
        var deadlines = scope.ServiceProvider.GetRequiredService<IOptions<TaskDeadlines>>().Value;
        foreach (var role in new[] { Roles.Investigator, Roles.CaseOfficer })
        {
            var task = new HumanTask { CandidateRole = role, UnitId = unit.Id.Value.ToString(), CorrelationId = nothing, Kind = deadlines.Days.Keys.FirstOrDefault() ?? "warm-up" };
            await recipients.DoersAsync(task, ct);
            await recipients.SupervisorsAsync(task, 1, deadlines, ct);
            await recipients.SupervisorsAsync(task, 2, deadlines, ct);
        }
    }

    private async Task<FireDueTimer.Result> SendAsync(IReadOnlyList<FireDueTimer.Timer> timers, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System;
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FireDueTimer.Command(timers), ct);
        Telemetry.TimersFired.Add(result.Fired.Count);
        return result;
    }
}
