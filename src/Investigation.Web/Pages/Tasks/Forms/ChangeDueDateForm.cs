using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Tasks;

namespace Investigation.Web.Pages.Tasks.Forms;

/// <summary>Move the task's due date, with the reason (ChangeDueDate). The date is entered as China Standard Time.</summary>
public sealed class ChangeDueDateForm
{
    [Needed("请填写新的截止时间。", "Enter the new due date.")]
    public DateTime? DueAt { get; set; }
    public string? Reason { get; set; }

    public static ChangeDueDateForm For(GetTask.Result task) => new() { DueAt = task.Task.DueAt is { } due ? Text.ChinaTimeOf(due) : null };

    public ChangeDueDate.Command ToCommand(Guid taskId) => new(taskId, DueAt is { } due ? Text.InChina(due) : null, Reason ?? "");
}
