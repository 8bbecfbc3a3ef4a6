using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The business timeline of a case: who did what, when, with what outcome — read from the case's audit
/// entries (one per step a person or the deadline clock took), not from the workflow engine's journal,
/// whose start/wait/resume rows are the administrators' concern. Whoever may see the case may read it.
/// </summary>
public static class GetCaseHistory
{
    /// <param name="Newest">How many of the newest entries to read; null for all of them. A case handled for months
    /// gathers thousands of entries (every claim and release is one), and the page shows the newest first.</param>
    public sealed record Query(Guid CaseId, int? Newest = Query.DefaultNewest) : IRequest<Result>
    {
        public const int DefaultNewest = 200;
    }

    /// <param name="Entries">Oldest first.</param>
    /// <param name="Total">How many entries the case has in all.</param>
    public sealed record Result(IReadOnlyList<Entry> Entries, int Total)
    {
        public bool IsComplete => Entries.Count == Total;
    }

    /// <param name="Task">The kind of task the step was about, where it was about one.</param>
    /// <param name="Outcome">The outcome the step gave its task (accepted, endorsed, returned...), where it completed one.</param>
    public sealed record Entry(DateTimeOffset At, string Actor, string ActorName, string Action, BilingualText Operation,
        BilingualText? Task, string? Outcome);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            var entries = await NewestOf(db, record.Id, query.Newest is { } n ? Math.Max(0, n) : int.MaxValue).ToListAsync(ct);
            // Counted only when the newest n may not be all of them: most cases have fewer entries than the page shows.
            var total = query.Newest is { } shown && entries.Count >= shown ? await CountOf(db, record.Id, ct) : entries.Count;
            entries.Reverse();
            var tasks = await TasksOf(db, record.Id.ToString()).ToDictionaryAsync(t => t.Id, cancellationToken: ct);
            // The names of this case's actors only, not of every account.
            var actors = entries.Select(e => e.Actor).Distinct().ToList();
            var users = await db.Users.AsNoTracking().Where(u => actors.Contains(u.UserName!)).Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
            var names = users.Where(u => u.UserName != null).GroupBy(u => u.UserName!).ToDictionary(g => g.Key, g => g.First().DisplayName);

            return new Result(entries.Select(e =>
            {
                var task = AuditReading.TaskIdOf(e.Data) is { } id && tasks.TryGetValue(id, out var t) ? t : null;
                // The step that completed the task gave it its outcome; claims, releases and the like only handled it.
                var completedHere = task is { CompletedAt: not null } && task.CompletedBy == e.Actor && !Handling.Contains(e.Action);
                return new Entry(e.At, e.Actor, names.TryGetValue(e.Actor, out var n) && n.Length > 0 && n != e.Actor ? $"{n}（{e.Actor}）" : e.Actor, e.Action,
                    AuditReading.Operation(e.Action),
                    task is null ? null : TaskKinds.Find(task.Kind)?.Name,
                    completedHere ? task!.Outcome : null);
            }).ToList(), total);
        }

        private sealed record Row(DateTimeOffset At, string Actor, string Action, string Data);
        private sealed record TaskDone(Guid Id, string Kind, string? Outcome, string? CompletedBy, DateTimeOffset? CompletedAt);

        // Compiled once (docs/architecture.md, "Compiled queries"): the case page reads them on every view.
        private static readonly Func<InvestigationDbContext, Guid, int, IAsyncEnumerable<Row>> NewestOf = EF.CompileAsyncQuery(
            (InvestigationDbContext db, Guid caseId, int take) => db.AuditEntries.AsNoTracking().Where(e => e.CaseId == caseId)
                .OrderByDescending(e => e.Sequence).Select(e => new Row(e.At, e.Actor, e.Action, e.Data)).Take(take));
        private static readonly Func<InvestigationDbContext, Guid, CancellationToken, Task<int>> CountOf = EF.CompileAsyncQuery(
            (InvestigationDbContext db, Guid caseId, CancellationToken ct) => db.AuditEntries.Count(e => e.CaseId == caseId));
        private static readonly Func<InvestigationDbContext, string, IAsyncEnumerable<TaskDone>> TasksOf = EF.CompileAsyncQuery(
            (InvestigationDbContext db, string caseKey) => db.HumanTasks.AsNoTracking().Where(t => t.CorrelationId == caseKey)
                .Select(t => new TaskDone(t.Id, t.Kind, t.Outcome, t.CompletedBy, t.CompletedAt)));

        private static readonly HashSet<string> Handling = ["ClaimTask", "ReleaseTask", "ReassignTask", "ChangeDueDate"];
    }
}
