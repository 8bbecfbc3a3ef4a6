using System.Text.Json;
using System.Text.Json.Serialization;

namespace Investigation.Workflows.Runtime;

/// <summary>A scheduled step: run the activity, or resume it with a stimulus. Fire marks a join whose wait is over.</summary>
internal sealed record WorkItem(string ActivityId, Stimulus? Stimulus = null, bool Fire = false);

/// <summary>What the runtime keeps between steps in <see cref="WorkflowInstance.StateJson"/>.</summary>
internal sealed class ExecutionState
{
    /// <summary>Joins that paths have arrived at, waiting until no live path can still reach them.</summary>
    public List<string>? Joins { get; set; }

    /// <summary>After a fault: the faulted work item first, then whatever was still scheduled. Retry runs these.</summary>
    public List<WorkItem>? Pending { get; set; }

    public string? FaultedActivityId { get; set; }

    private bool IsEmpty => Joins is null or [] && Pending is null && FaultedActivityId is null;

    public static ExecutionState Parse(string json) => json is "{}" or ""
        ? new ExecutionState()
        : JsonSerializer.Deserialize(json, ExecutionStateJson.Default.ExecutionState) ?? new ExecutionState();

    public string ToJson() => IsEmpty ? "{}" : JsonSerializer.Serialize(this, ExecutionStateJson.Default.ExecutionState);
}

// Source-generated: the state is read and written on every step.
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(ExecutionState))]
internal sealed partial class ExecutionStateJson : JsonSerializerContext;
