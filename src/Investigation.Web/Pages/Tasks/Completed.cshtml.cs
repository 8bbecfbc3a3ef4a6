using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Tasks;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Tasks;

/// <summary>My completed tasks, 已办 (GetCompletedTasks), with a search over the case's number and title.</summary>
public sealed class CompletedModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public GetCompletedTasks.Result Result { get; private set; } = new([], 0, 1, 25);

    public Task<IActionResult> OnGetAsync() =>
        this.ListAsync(mediator, new GetCompletedTasks.Query(Search, PageNumber), r => Result = r);

    public string PageLink(int page) => $"?q={Uri.EscapeDataString(Search ?? "")}&p={page}";
}
