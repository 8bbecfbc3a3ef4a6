using Investigation.Domain;
using Investigation.Workflows.Runtime.Persistence;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// What a task is called, in both languages, for the reminders and escalations. The process that
/// defines the tasks answers it, so the deadline machinery knows no particular kind of task.
/// </summary>
public interface ITaskNames
{
    BilingualText NameOf(HumanTask task);
}
