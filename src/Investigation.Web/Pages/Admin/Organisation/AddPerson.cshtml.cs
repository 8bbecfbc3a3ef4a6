using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>Adds a person to one of the administrator's units (AddPerson).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class AddPersonModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public string Name { get; set; } = "";
        public string Post { get; set; } = "";
        public Guid? UnitId { get; set; }
        public Guid? ManagingOrganisationId { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public GetOrganisation.Result? Options { get; private set; }

    public async Task OnGetAsync(Guid? unitId)
    {
        Input.UnitId = unitId;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await this.SendAsync(mediator, new AddPerson.Command(Input.Name, Input.Post, Input.UnitId ?? Guid.Empty, Input.ManagingOrganisationId ?? Guid.Empty), _ =>
        {
            TempData["Status"] = Text.T($"已新增人员 {Input.Name}。", $"{Input.Name} was added.");
            return Redirect($"/Admin/Organisation#unit-{Input.UnitId}");
        });
        if (result is PageResult) await LoadAsync();
        return result;
    }

    private async Task LoadAsync() => Options = await mediator.Send(new GetOrganisation.Query(), HttpContext.RequestAborted);
}
