using Investigation.Domain.Organisation;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>Adds a unit below one of the administrator's units (AddUnit).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class AddUnitModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public string Name { get; set; } = "";
        public UnitKind Kind { get; set; } = UnitKind.PartyOrGovernmentOrgan;
        public AdministrativeLevel Level { get; set; }
        public Guid? ParentId { get; set; }
        public string? Industry { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public IReadOnlyList<UnitOption> Units { get; private set; } = [];

    public async Task OnGetAsync(Guid? parentId)
    {
        Input.ParentId = parentId;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await this.SendAsync(mediator, new AddUnit.Command(Input.Name, Input.Kind, Input.Level, Input.ParentId ?? Guid.Empty, Input.Industry), id =>
        {
            TempData["Status"] = Text.T($"已新增单位 {Input.Name}。", $"The unit {Input.Name} was added.");
            return Redirect($"/Admin/Organisation#unit-{id}");
        });
        if (result is PageResult) await LoadAsync();
        return result;
    }

    private async Task LoadAsync() => Units = (await mediator.Send(new GetOrganisation.Query(), HttpContext.RequestAborted)).Units;
}
