using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Users;

/// <summary>The users of the administrator's units (ListUsers).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public ListUsers.Result Result { get; private set; } = new([], []);

    public async Task OnGetAsync() => Result = await mediator.Send(new ListUsers.Query(), HttpContext.RequestAborted);
}
