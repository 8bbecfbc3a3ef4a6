using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin;

/// <summary>
/// Faulted workflows of the administrator's cases (ListIncidents), each with a retry (RetryFaultedStep),
/// and the deadline firings that failed (ListFailedFirings), which retry by themselves.
/// </summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IncidentsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListIncidents.Item> Items { get; private set; } = [];

    public IReadOnlyList<ListFailedFirings.Item> FailedFirings { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Items = await mediator.Send(new ListIncidents.Query(), HttpContext.RequestAborted);
        FailedFirings = await mediator.Send(new ListFailedFirings.Query(), HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid caseId)
    {
        var result = await this.SendAsync(mediator, new RetryFaultedStep.Command(caseId), status =>
        {
            TempData["Status"] = status switch
            {
                WorkflowStatus.Faulted => Text.T("已重试，但该步骤再次出错：请先排除原因。", "Retried, but the step failed again: fix its cause first."),
                WorkflowStatus.Completed => Text.T("已重试，流程已完成。", "Retried: the workflow has finished."),
                _ => Text.T("已重试，流程继续，等待下一项任务。", "Retried: the workflow carries on and waits for its next task."),
            };
            return RedirectToPage();
        }, fieldPrefix: "");
        if (result is PageResult) await OnGetAsync();
        return result;
    }
}
