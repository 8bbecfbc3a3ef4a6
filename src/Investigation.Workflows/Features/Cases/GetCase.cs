using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// Everything about one case: facts, the Article 8 evaluation, the trace-back chain, responsibilities,
/// suggestion, review, decision, its tasks and its timeline (from the workflow journal).
/// </summary>
public static class GetCase
{
    /// <param name="EngineLog">Also read the workflow engine's journal into <see cref="Result.Timeline"/>: every start, wait and
    /// resume of the case's instance, the administrators' concern. Left out, the timeline is empty and the journal is not read.</param>
    public sealed record Query(Guid CaseId, bool EngineLog = false) : IRequest<Result>;

    public sealed record TaskRow(Guid Id, string Kind, string Title, HumanTaskStatus Status, string CandidateRole, string? Assignee,
        DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt, string? CompletedBy, string? Outcome);

    public sealed record TimelineEntry(DateTimeOffset At, string ActivityId, string? TaskKind, JournalEvent Event, string? Outcome, string? Actor, string? Detail);

    public sealed record Result(Case Case, string UnitName, WorkflowStatus? WorkflowStatus, IReadOnlyList<TaskRow> Tasks,
        IReadOnlyList<TimelineEntry> Timeline, IReadOnlyDictionary<PersonId, Person> People, OrganisationTree Organisation);

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            var c = record.ToCase();
            var tree = await access.OrganisationAsync(ct);
            var key = record.Id.ToString();
            var tasks = await TasksOf(db, key).ToListAsync(ct);
            WorkflowStatus? status = null;
            List<TimelineEntry> timeline = [];
            if (record.WorkflowInstanceId is { } instanceId)
            {
                status = await StatusOf(db, instanceId, ct);
                if (query.EngineLog)
                    timeline = (await db.Journal.AsNoTracking().Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id).ToListAsync(ct))
                        .Select(j => new TimelineEntry(j.At, j.ActivityId, InvestigationWorkflow.TaskKindOf(j.ActivityId), j.Event, j.Outcome, j.Actor, j.Detail))
                        .ToList();
            }
            var people = tree.PeopleById;
            return new(c, tree.Contains(c.UnitId) ? tree.Unit(c.UnitId).Name : "", status, tasks, timeline, people, tree);
        }

        // Compiled once (docs/architecture.md, "Compiled queries"): the case page reads them on every view.
        private static readonly Func<InvestigationDbContext, string, IAsyncEnumerable<TaskRow>> TasksOf = EF.CompileAsyncQuery(
            (InvestigationDbContext db, string key) => db.HumanTasks.AsNoTracking().Where(t => t.CorrelationId == key).OrderBy(t => t.CreatedAt)
                .Select(t => new TaskRow(t.Id, t.Kind, t.Title, t.Status, t.CandidateRole, t.AssigneeId, t.CreatedAt, t.DueAt, t.CompletedAt, t.CompletedBy, t.Outcome)));
        private static readonly Func<InvestigationDbContext, Guid, CancellationToken, Task<WorkflowStatus?>> StatusOf = EF.CompileAsyncQuery(
            (InvestigationDbContext db, Guid instanceId, CancellationToken ct) =>
                db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => (WorkflowStatus?)i.Status).FirstOrDefault());
    }
}
