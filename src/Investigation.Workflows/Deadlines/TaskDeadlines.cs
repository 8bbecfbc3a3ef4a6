using Investigation.Workflows.Identity;

namespace Investigation.Workflows.Deadlines;

/// <summary>How days are counted towards a time limit.</summary>
public enum DayCounting
{
    /// <summary>Every day counts: 3 days from Friday 10:00 is Monday 10:00.</summary>
    CalendarDays,

    /// <summary>
    /// Only working days count, by the business calendar (weekends, public holidays, and the
    /// adjusted working days, 调休): 3 working days from Friday 10:00 is Wednesday 10:00.
    /// </summary>
    WorkingDays,
}

/// <summary>
/// How long each kind of task may take, and what happens as its time runs out. Policy, not law:
/// configured under "Deadlines", with these defaults, and shown on every task.
/// </summary>
public sealed class TaskDeadlines
{
    /// <summary>The supervisor that stands for "the case's lead investigator" in <see cref="Supervisors"/>.</summary>
    public const string LeadInvestigator = nameof(LeadInvestigator);

    /// <summary>"Deadlines:Days:{Kind}": the time limit of each kind of task, in days (the process gives the defaults).</summary>
    public Dictionary<string, int> Days { get; set; } = [];

    /// <summary>"Deadlines:Counting": how days are counted, for every kind not named in <see cref="CountingByKind"/>.</summary>
    public DayCounting Counting { get; set; } = DayCounting.CalendarDays;

    /// <summary>"Deadlines:CountingByKind:{Kind}": a kind counted differently from <see cref="Counting"/>.</summary>
    public Dictionary<string, DayCounting> CountingByKind { get; set; } = [];

    /// <summary>"Deadlines:ReminderAt": the share of the allowed time after which the reminder goes (0.75: three quarters in).</summary>
    public double ReminderAt { get; set; } = 0.75;

    /// <summary>"Deadlines:GraceDays": days after the due time (counted as the kind counts) before the second escalation; 0 for none.</summary>
    public int GraceDays { get; set; } = 2;

    /// <summary>
    /// "Deadlines:Supervisors:{Kind}": who is told when a task of the kind is overdue: a role, looked
    /// for in the task's unit and then upwards, or <see cref="LeadInvestigator"/> for the case's lead.
    /// Kinds not named go to <see cref="DefaultSupervisor"/>. The process gives the defaults.
    /// </summary>
    public Dictionary<string, string> Supervisors { get; set; } = [];

    /// <summary>"Deadlines:DefaultSupervisor": the role told about overdue office tasks, and the one a unit up when nobody else is.</summary>
    public string DefaultSupervisor { get; set; } = Roles.Administrator;

    /// <summary>"Deadlines:CalendarPath": the folder of business calendar files (cn-2026.json, ...), relative to the application.</summary>
    public string CalendarPath { get; set; } = "calendar";

    /// <summary>"Deadlines:TimeZone": where a day begins and ends for working-day counting.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public int DaysFor(string kind) => Days.TryGetValue(kind, out var d) ? d : 10;

    public DayCounting CountingFor(string kind) => CountingByKind.TryGetValue(kind, out var c) ? c : Counting;

    public string SupervisorFor(string kind) => Supervisors.TryGetValue(kind, out var s) && !string.IsNullOrWhiteSpace(s) ? s : DefaultSupervisor;

    /// <summary>
    /// A limit under one day is a configuration error: the step that would create the task faults,
    /// visibly, for an administrator to fix and retry, rather than create a task that is born overdue.
    /// </summary>
    public void Validate(string kind)
    {
        if (DaysFor(kind) < 1)
            throw new InvalidOperationException($"The time limit for {kind} tasks is {DaysFor(kind)} days; set Deadlines:Days:{kind} to at least 1.");
        if (ReminderAt is <= 0 or >= 1)
            throw new InvalidOperationException($"Deadlines:ReminderAt is {ReminderAt}; set it to a share of the allowed time between 0 and 1, such as 0.75.");
        if (GraceDays < 0)
            throw new InvalidOperationException($"Deadlines:GraceDays is {GraceDays}; set it to 0 (no second escalation) or more.");
    }
}
