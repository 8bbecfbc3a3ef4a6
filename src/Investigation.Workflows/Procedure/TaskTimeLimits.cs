using Investigation.Domain;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;

namespace Investigation.Workflows.Procedure;

/// <summary>
/// What the deadline machinery needs to know of the investigation's tasks: each kind's default time
/// limit and supervisor (configuration under "Deadlines" overrides them), and what a task is called.
/// Policy, not law: the Measures and the 2019 Regulations set no time limit per step.
/// </summary>
public sealed class TaskTimeLimits : ITaskNames
{
    /// <summary>The investigation's defaults, laid under whatever "Deadlines" configures.</summary>
    public static void ApplyDefaults(TaskDeadlines deadlines)
    {
        foreach (var (kind, days) in new Dictionary<string, int>
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
        })
            deadlines.Days.TryAdd(kind, days);
        foreach (var (kind, supervisor) in new Dictionary<string, string>
        {
            [TaskKinds.PartyConcernedFindings] = TaskDeadlines.LeadInvestigator,
            [TaskKinds.SecurityLeadFindings] = TaskDeadlines.LeadInvestigator,
            [TaskKinds.MainLeadFindings] = TaskDeadlines.LeadInvestigator,
            [TaskKinds.CoordinationAssessment] = TaskDeadlines.LeadInvestigator,
            [TaskKinds.CoordinatingHeadFindings] = TaskDeadlines.LeadInvestigator,
            [TaskKinds.Hearing] = TaskDeadlines.LeadInvestigator,
            // The responsibility determination is the lead's own task: it goes straight to the default.
            [TaskKinds.DisciplineReview] = Roles.DisciplineApprover,
        })
            deadlines.Supervisors.TryAdd(kind, supervisor);
    }

    /// <summary>A fresh set of the defaults (for tests and tools that build options by hand).</summary>
    public static TaskDeadlines Defaults()
    {
        var deadlines = new TaskDeadlines();
        ApplyDefaults(deadlines);
        return deadlines;
    }

    public BilingualText NameOf(HumanTask task) => TaskKinds.TitleOf(task);
}
