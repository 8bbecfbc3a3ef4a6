namespace Investigation.Workflows.Runtime;

/// <summary>A request the runtime cannot carry out; the message says why.</summary>
public class WorkflowException(string message) : Exception(message);

/// <summary>A stimulus that matches no waiting bookmark: unknown, already consumed, or its instance is not waiting.</summary>
public sealed class WorkflowStimulusException(string message, string bookmarkName, string key) : WorkflowException(message)
{
    public string BookmarkName { get; } = bookmarkName;
    public string Key { get; } = key;
}

/// <summary>A workflow definition that cannot run; <see cref="Errors"/> lists every problem found.</summary>
public sealed class WorkflowDefinitionException(string message, IReadOnlyList<string> errors) : WorkflowException(message)
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
