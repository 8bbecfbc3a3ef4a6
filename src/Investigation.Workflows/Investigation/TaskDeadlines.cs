namespace Investigation.Workflows.Investigation;

/// <summary>
/// How long each kind of task may take, in days. Policy, not law: configured under
/// "Deadlines:Days:{Kind}", with these defaults, and shown on every task.
/// </summary>
public sealed class TaskDeadlines
{
    public Dictionary<string, int> Days { get; set; } = new()
    {
        [TaskKinds.Acceptance] = 3,
        [TaskKinds.PartyConcernedFindings] = 15,
        [TaskKinds.SecurityLeadFindings] = 10,
        [TaskKinds.MainLeadFindings] = 10,
        [TaskKinds.CoordinationAssessment] = 15,
        [TaskKinds.CoordinatingHeadFindings] = 10,
        [TaskKinds.ResponsibilityDetermination] = 5,
        [TaskKinds.Hearing] = 10,
        [TaskKinds.AccountabilitySuggestion] = 7,
        [TaskKinds.DisciplineReview] = 10,
        [TaskKinds.ReviewApproval] = 5,
        [TaskKinds.Decision] = 15,
        [TaskKinds.Acknowledgement] = 5,
    };

    public int DaysFor(string kind) => Days.TryGetValue(kind, out var d) ? d : 10;

    /// <summary>
    /// A limit under one day is a configuration error: the step that would create the task faults,
    /// visibly, for an administrator to fix and retry, rather than create a task that is born overdue.
    /// </summary>
    public void Validate(string kind)
    {
        if (DaysFor(kind) < 1)
            throw new InvalidOperationException($"The time limit for {kind} tasks is {DaysFor(kind)} days; set Deadlines:Days:{kind} to at least 1.");
    }

    public DateTimeOffset DueAt(string kind, DateTimeOffset from)
    {
        Validate(kind);
        return from.AddDays(DaysFor(kind));
    }
}
