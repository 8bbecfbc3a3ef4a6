using Investigation.Workflows.Features.Dashboard;
using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Dashboard;

/// <summary>The figures of my units (GetDashboard), as tables and as charts drawn from those tables.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetDashboard.Result Result { get; private set; } = null!;

    public async Task OnGetAsync() => Result = await mediator.Send(new GetDashboard.Query(), HttpContext.RequestAborted);
}
