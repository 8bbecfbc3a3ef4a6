using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Hand the task to someone else, with the reason (ReassignTask).</summary>
public sealed class ReassignTaskForm
{
    public string? ToUser { get; set; }
    public string? Reason { get; set; }

    public ReassignTask.Command ToCommand(Guid taskId) => new(taskId, ToUser ?? "", Reason ?? "");
}
