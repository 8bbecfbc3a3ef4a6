using Investigation.Workflows.Data;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>The process diagram of a case: every step of its workflow version, marked done, active or pending.</summary>
public static class GetProcessDiagram
{
    public enum StepState { Pending, Active, Done }

    public sealed record Step(string ActivityId, string Type, string? TaskKind, StepState State);
    public sealed record Edge(string From, string Outcome, string To);
    public sealed record Result(string Definition, int Version, IReadOnlyList<Step> Steps, IReadOnlyList<Edge> Edges);

    public sealed record Query(Guid CaseId) : IRequest<Result>;

    public sealed class Handler(InvestigationDbContext db, Access access, WorkflowDefinitionRegistry registry) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            var instance = record.WorkflowInstanceId is { } id
                ? await db.WorkflowInstances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) : null;
            var definition = instance is null ? registry.Latest(InvestigationWorkflow.Name) : registry.Get(instance.DefinitionName, instance.DefinitionVersion);
            var active = instance is null ? [] : await db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id && b.Blocking)
                .Select(b => b.ActivityId).ToListAsync(ct);
            var done = instance is null ? [] : await db.Journal.AsNoTracking()
                .Where(j => j.InstanceId == instance.Id && j.Event == JournalEvent.Completed).Select(j => j.ActivityId).Distinct().ToListAsync(ct);
            var steps = definition.Activities.Select(a => new Step(a.Id, a.GetType().Name, InvestigationWorkflow.TaskKindOf(a.Id),
                active.Contains(a.Id) ? StepState.Active : done.Contains(a.Id) ? StepState.Done : StepState.Pending)).ToList();
            var edges = definition.Connections.Select(c => new Edge(c.From, c.Outcome, c.To)).ToList();
            return new(definition.Name, definition.Version, steps, edges);
        }
    }
}
