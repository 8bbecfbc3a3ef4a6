using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// The system resumes timer bookmarks whose moment has come (a task's reminder, due time or second
/// escalation; the outage watch's six hours). Consuming a timer's bookmark in the same transaction as
/// its effect is what makes the effect happen once: a second firing finds no bookmark and changes
/// nothing. Several timers due together are fired in one transaction, each with its own audit entry:
/// on SQLite with synchronous=FULL a commit costs a disk flush, and one flush per timer would cap
/// the rate at which a backlog of deadlines can be enforced.
/// </summary>
public static class FireDueTimer
{
    public sealed record Timer(string BookmarkName, string Key);

    /// <summary>The action of the audit entry written for each timer fired (the command's own entry sums up the batch).</summary>
    public const string TimerFired = nameof(TimerFired);

    public sealed record Command(IReadOnlyList<Timer> Timers) : ICommand<Result>
    {
        public Command(string bookmarkName, string key) : this([new Timer(bookmarkName, key)]) { }
    }

    /// <summary>What was fired, and what was not (already fired elsewhere, done with its task, moved, or its workflow is not waiting).</summary>
    public sealed record Result(IReadOnlyList<Timer> Fired, IReadOnlyList<Timer> Skipped);

    public sealed class Handler(InvestigationDbContext db, WorkflowRuntime runtime, CurrentActor actor, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        private AuditEntry? lastAudit;

        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            if (!actor.IsSet || actor.Actor.UserName != Actor.System.UserName)
                throw new ForbiddenException("只有系统才能触发定时器。", "Only the system fires timers.");
            var now = clock.GetUtcNow();
            lastAudit = null;
            // Read inside the transaction: what counts is each bookmark as it is now, not as the job saw it.
            var keys = command.Timers.Select(t => t.Key).Distinct().ToList();
            var bookmarks = (await db.Bookmarks.AsNoTracking().Where(b => keys.Contains(b.Key)).Select(b => new { b.Name, b.Key, b.ResumeAt }).ToListAsync(ct))
                .ToDictionary(b => (b.Name, b.Key), b => b.ResumeAt);

            List<Timer> fired = [], skipped = [];
            // A batch tracks more and more rows: detecting changes once at the end, rather than before every
            // query, keeps a batch of a hundred timers from costing the square of it. Queries never see
            // unsaved changes anyway, and the runtime marks what it deletes explicitly.
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            try
            {
                foreach (var timer in command.Timers.Distinct())
                {
                    if (!bookmarks.TryGetValue((timer.BookmarkName, timer.Key), out var due) || due is null || due > now)
                        skipped.Add(timer);
                    else if (await FireAsync(timer, due.Value, now, ct)) fired.Add(timer);
                    else skipped.Add(timer);
                }
            }
            finally
            {
                db.ChangeTracker.DetectChanges();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
            // Nothing to write: say so without writing (a second firing of the same timers ends here).
            if (fired.Count == 0)
                throw command.Timers.Count == 1
                    ? new ConflictException($"定时器“{command.Timers[0].BookmarkName}”“{command.Timers[0].Key}”已经触发、尚未到期，或其任务已办结。",
                        $"The timer '{command.Timers[0].BookmarkName}' '{command.Timers[0].Key}' has already fired, is not due yet, or its task is done.")
                    : new ConflictException("这些定时器都已不再到期：已在别处触发、已改期，或其任务已办结。",
                        "None of these timers is due any more: they were fired elsewhere, moved, or their tasks are done.");
            audit.Detail = $"{fired.Count} fired, {skipped.Count} skipped";
            return new(fired, skipped);
        }

        private async Task<bool> FireAsync(Timer timer, DateTimeOffset due, DateTimeOffset now, CancellationToken ct)
        {
            WorkflowInstance instance;
            try
            {
                instance = await runtime.ResumeAsync(db, new Stimulus(timer.BookmarkName, timer.Key, Actor: Actor.System.UserName), ct);
            }
            catch (WorkflowStimulusException)
            {
                // Refused before anything changed: its workflow is faulted (it waits for a retry) or no longer waiting.
                return false;
            }
            var caseId = Guid.TryParse(instance.CorrelationId, out var id) ? id : (Guid?)null;
            var data = $"{timer.BookmarkName} {timer.Key} due {due:O}, fired {now:O}";
            // Only this handler appends to the chain during the step: after the first entry, the last is known.
            lastAudit = lastAudit is null
                ? await AuditChain.AppendAsync(db, now, Actor.System.UserName, TimerFired, caseId, data, ct)
                : AuditChain.AppendAfter(db, lastAudit, now, Actor.System.UserName, TimerFired, caseId, data);
            return true;
        }
    }
}
