using System.Linq.Expressions;
using System.Text.Json;
using Investigation.Workflows.Data;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The process diagrams of a case: every step of its investigation workflow's version, marked done, active or pending;
/// and, once the decision is delivered, the same for each workflow that runs beside it — the organisational adjustment
/// (Article 14) and every appeal (Article 20) — the adjustment first, then the appeals by number.
/// </summary>
public static class GetProcessDiagram
{
    public enum StepState { Pending, Active, Done }

    public sealed record Step(string ActivityId, string Type, string? TaskKind, StepState State);
    public sealed record Edge(string From, string Outcome, string To);

    /// <param name="InstanceId">The workflow instance drawn; null for a case whose investigation has not started.</param>
    /// <param name="AppealNumber">For an appeal's workflow, the appeal it answers.</param>
    /// <param name="Execution">On the investigation's diagram: the diagrams of the workflows that run after the delivery.</param>
    public sealed record Result(string Definition, int Version, IReadOnlyList<Step> Steps, IReadOnlyList<Edge> Edges,
        Guid? InstanceId = null, int? AppealNumber = null, IReadOnlyList<Result>? Execution = null);

    public sealed record Query(Guid CaseId) : IRequest<Result>;

    public sealed class Handler(InvestigationDbContext db, Access access, WorkflowDefinitionRegistry registry) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var record = await access.CaseAsync(query.CaseId, ct, tracking: false);
            // The investigation's instance and those that run after its delivery, in one statement.
            var mainId = record.WorkflowInstanceId;
            var instances = await InstancesOf(db, record.Id.ToString(), mainId).ToListAsync(ct);
            var instance = instances.FirstOrDefault(i => i.Id == mainId);
            var main = instance is null ? Draw(registry.Latest(InvestigationWorkflow.Name), null, [], [])
                : await DrawAsync(instance, ct);
            var execution = new List<Result>();
            foreach (var other in instances.Where(i => i.Id != mainId))
                execution.Add(await DrawAsync(other, ct));
            // The adjustment first, then the appeals by number: a test clock can start them all at one instant.
            return main with { Execution = execution.OrderBy(r => r.Definition == ExecutionWorkflows.Appeal ? 1 : 0).ThenBy(r => r.AppealNumber).ToList() };
        }

        private async Task<Result> DrawAsync(WorkflowInstance instance, CancellationToken ct)
        {
            var definition = registry.Get(instance.DefinitionName, instance.DefinitionVersion);
            var active = await ActiveSteps(db, instance.Id).ToListAsync(ct);
            var done = await DoneSteps(db, instance.Id).ToListAsync(ct);
            return Draw(definition, instance, active, done);
        }

        // Compiled once (docs/architecture.md, "Compiled queries"): the case page reads them on every view.
        private static readonly Func<InvestigationDbContext, string, Guid?, IAsyncEnumerable<WorkflowInstance>> InstancesOf =
            EF.CompileAsyncQuery<InvestigationDbContext, string, Guid?, WorkflowInstance>((InvestigationDbContext db, string caseKey, Guid? mainId) =>
                db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == caseKey).Where(IsExecution)
                .Concat(db.WorkflowInstances.AsNoTracking().Where(i => i.Id == mainId))
                .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id));
        private static readonly Func<InvestigationDbContext, Guid, IAsyncEnumerable<string>> ActiveSteps = EF.CompileAsyncQuery(
            (InvestigationDbContext db, Guid instanceId) => db.Bookmarks.AsNoTracking().Where(b => b.InstanceId == instanceId && b.Blocking).Select(b => b.ActivityId));
        private static readonly Func<InvestigationDbContext, Guid, IAsyncEnumerable<string>> DoneSteps = EF.CompileAsyncQuery(
            (InvestigationDbContext db, Guid instanceId) => db.Journal.AsNoTracking()
                .Where(j => j.InstanceId == instanceId && j.Event == JournalEvent.Completed).Select(j => j.ActivityId).Distinct());

        private static Result Draw(WorkflowDefinition definition, WorkflowInstance? instance, List<string> active, List<string> done)
        {
            var steps = definition.Activities.Select(a => new Step(a.Id, a.GetType().Name, InvestigationWorkflow.TaskKindOf(a.Id),
                active.Contains(a.Id) ? StepState.Active : done.Contains(a.Id) ? StepState.Done : StepState.Pending)).ToList();
            var edges = definition.Connections.Select(c => new Edge(c.From, c.Outcome, c.To)).ToList();
            return new(definition.Name, definition.Version, steps, edges, instance?.Id,
                instance?.DefinitionName == ExecutionWorkflows.Appeal ? AppealNumberOf(instance.VariablesJson) : null);
        }
    }

    /// <summary>The adjustment and appeal workflows of a case (they carry its id), oldest first.</summary>
    public static Task<List<WorkflowInstance>> ExecutionInstancesAsync(InvestigationDbContext db, Guid caseId, CancellationToken ct)
    {
        var key = caseId.ToString();
        return db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == key).Where(IsExecution)
            .OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).ToListAsync(ct);
    }

    /// <summary>An adjustment or appeal workflow: they run after delivery and carry the case's id.</summary>
    private static readonly Expression<Func<WorkflowInstance, bool>> IsExecution =
        i => i.DefinitionName == ExecutionWorkflows.Adjustment || i.DefinitionName == ExecutionWorkflows.Appeal;

    /// <summary>The appeal an appeal workflow answers, from its input; null if it carries none.</summary>
    public static int? AppealNumberOf(string variablesJson)
    {
        using var doc = JsonDocument.Parse(variablesJson);
        foreach (var variable in doc.RootElement.EnumerateObject().Where(v => v.Name.Equals(nameof(ExecutionWorkflows.Input), StringComparison.OrdinalIgnoreCase)))
            foreach (var field in variable.Value.EnumerateObject().Where(f => f.Name.Equals(nameof(ExecutionWorkflows.Input.AppealNumber), StringComparison.OrdinalIgnoreCase)))
                if (field.Value.ValueKind == JsonValueKind.Number) return field.Value.GetInt32();
        return null;
    }
}
