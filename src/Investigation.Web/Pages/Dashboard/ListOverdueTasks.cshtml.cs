using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Dashboard;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Dashboard;

/// <summary>The list behind the dashboard's overdue figure (ListOverdueTasks), and the same as a workbook.</summary>
public sealed class ListOverdueTasksModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public ListOverdueTasks.Result Result { get; private set; } = new([]);

    public async Task OnGetAsync() => Result = await mediator.Send(new ListOverdueTasks.Query(), HttpContext.RequestAborted);

    public static string KindName(string kind) => TaskKinds.All.Any(k => k.Kind == kind) ? Text.T(TaskKinds.Of(kind).Name) : kind;

    public static string Holder(ListOverdueTasks.Item i) => i.Assignee ?? Text.T($"未认领（{Display.Role(i.CandidateRole)}）", $"unclaimed ({Display.Role(i.CandidateRole)})");

    public async Task<IActionResult> OnGetExportAsync()
    {
        var result = await mediator.Send(new ListOverdueTasks.Query(), HttpContext.RequestAborted);
        var workbook = Workbook.Of(Text.T("逾期任务", "Overdue tasks"),
            [Text.T("案件编号", "Case number"), Text.T("标题", "Title"), Text.T("单位", "Unit"), Text.T("任务", "Task"), Text.T("办理人", "Held by"), Text.T("截止时间（北京时间）", "Due (China time)")],
            result.Items.Select(i => (IReadOnlyList<object?>)[i.CaseNumber, i.CaseTitle, i.UnitName, KindName(i.Kind), Holder(i), Text.When(i.DueAt)]));
        return File(workbook, Workbook.ContentType, $"overdue-tasks-{Text.ChinaTimeOf(clock.GetUtcNow()):yyyyMMdd}.xlsx");
    }
}
