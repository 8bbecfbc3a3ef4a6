using System.Collections.Concurrent;

namespace Investigation.Workflows.Runtime;

/// <summary>
/// Every version of every definition the process knows. New instances start on the latest
/// version; an existing instance is resumed on the version recorded in its row.
/// </summary>
public sealed class WorkflowDefinitionRegistry
{
    private readonly ConcurrentDictionary<(string Name, int Version), WorkflowDefinition> all = new();
    private readonly ConcurrentDictionary<string, WorkflowDefinition> latest = new();

    public WorkflowDefinitionRegistry Register(WorkflowDefinition definition)
    {
        if (!all.TryAdd((definition.Name, definition.Version), definition))
            throw new WorkflowDefinitionException(
                $"Workflow definition '{definition.Name}' v{definition.Version} is already registered; register a change as a new version.",
                ["duplicate version"]);
        latest.AddOrUpdate(definition.Name, definition, (_, current) => current.Version > definition.Version ? current : definition);
        return this;
    }

    public IEnumerable<WorkflowDefinition> All => all.Values;

    public bool TryGet(string name, int version, out WorkflowDefinition definition) =>
        all.TryGetValue((name, version), out definition!);

    public WorkflowDefinition Get(string name, int version) => TryGet(name, version, out var definition)
        ? definition
        : throw new WorkflowException($"Workflow definition '{name}' v{version} is not registered.");

    public WorkflowDefinition Latest(string name) => latest.TryGetValue(name, out var definition)
        ? definition
        : throw new WorkflowException($"No version of workflow definition '{name}' is registered.");
}
