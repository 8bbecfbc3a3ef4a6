namespace Investigation.Workflows.Runtime.Persistence;

public enum HumanTaskStatus { Open, Completed, Cancelled }

/// <summary>An inbox row: work a person has to do before the waiting activity can go on.</summary>
public sealed class HumanTask
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string ActivityId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Title { get; set; } = "";
    public string CandidateRole { get; set; } = "";
    public string UnitId { get; set; } = "";
    public string? AssigneeId { get; set; }
    public string? CorrelationId { get; set; }
    public HumanTaskStatus Status { get; set; }
    public int Priority { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    public string? Outcome { get; set; }
    public string? ResultJson { get; set; }

    // Deadline enforcement (Deadlines/): what the clock has done to this task, so that the inbox and
    // the task page can say it, and each effect can be seen to have happened once.

    /// <summary>When the reminder before the due time was sent.</summary>
    public DateTimeOffset? RemindedAt { get; set; }

    /// <summary>When the task was found overdue (at its due time) and escalated to its supervisors.</summary>
    public DateTimeOffset? OverdueAt { get; set; }

    /// <summary>When, still overdue after the grace period, it was escalated to the supervisors one unit up.</summary>
    public DateTimeOffset? SecondEscalatedAt { get; set; }

    /// <summary>0: not escalated; 1: the unit's supervisors were told; 2: those a unit up as well.</summary>
    public int EscalationLevel => SecondEscalatedAt is not null ? 2 : OverdueAt is not null ? 1 : 0;

    /// <summary>Optimistic concurrency token: bump it whenever the row changes.</summary>
    public int Version { get; set; }

    internal void Close(HumanTaskStatus status, DateTimeOffset at, string? by, string? outcome = null, string? resultJson = null)
    {
        Status = status;
        CompletedAt = at;
        CompletedBy = by;
        Outcome = outcome;
        ResultJson = resultJson;
        Version++;
    }
}
