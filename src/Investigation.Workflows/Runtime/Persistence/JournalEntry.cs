namespace Investigation.Workflows.Runtime.Persistence;

public enum JournalEvent { Started, Completed, Blocked, Resumed, Faulted, Retried, Cancelled }

/// <summary>What happened to which activity, when, and on whose behalf: the case timeline reads this.</summary>
public sealed class JournalEntry
{
    /// <summary>Instance-level entries (retry, cancel) use this activity type.</summary>
    public const string WorkflowType = "Workflow";

    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string ActivityType { get; set; } = "";
    public JournalEvent Event { get; set; }
    public string? Outcome { get; set; }
    public string? Actor { get; set; }
    public DateTimeOffset At { get; set; }
    public string? Detail { get; set; }
}
