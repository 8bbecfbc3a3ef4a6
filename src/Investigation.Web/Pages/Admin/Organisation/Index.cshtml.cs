using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>The organisation tree the administrator manages (GetOrganisation).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetOrganisation.Result? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var result = await this.SendAsync(mediator, new GetOrganisation.Query(), r => { Result = r; return Page(); });
        // An administrator set up before any unit exists sees the way to the import, not "not found".
        return result is NotFoundResult ? Page() : result;
    }
}
