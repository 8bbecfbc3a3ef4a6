namespace Investigation.Workflows.Runtime.Persistence;

public enum WorkflowStatus { Running, Waiting, Completed, Faulted, Cancelled }

/// <summary>
/// One run of a workflow definition. Everything needed to carry on after a restart is in this
/// row (definition name and version, variables, execution state) and in its bookmarks.
/// </summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; }
    public string DefinitionName { get; set; } = "";
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }

    /// <summary>What the instance is about (the application puts its case id here).</summary>
    public string? CorrelationId { get; set; }

    /// <summary>The variables, as one JSON object.</summary>
    public string VariablesJson { get; set; } = "{}";

    /// <summary>Execution state the runtime needs between steps: join arrivals, the faulted work.</summary>
    public string StateJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// Optimistic concurrency token, bumped by every step: of two steps that loaded the same
    /// version, only the first to commit succeeds.
    /// </summary>
    public int Version { get; set; }
}
