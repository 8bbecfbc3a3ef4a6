using Investigation.Domain.Organisation;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>Renames, moves or re-describes a unit (EditUnit); retires it from here too (RetireUnit).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class EditUnitModel(IMediator mediator) : PageModel
{
    public sealed class InputModel
    {
        public string Name { get; set; } = "";
        public UnitKind Kind { get; set; }
        public AdministrativeLevel Level { get; set; }
        public Guid? ParentId { get; set; }
        public string? Industry { get; set; }
        public Guid? RegulatorId { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public GetOrganisation.UnitNode? Unit { get; private set; }
    public IReadOnlyList<UnitOption> Units { get; private set; } = [];
    /// <summary>The industry regulators the administrator sees, for the regulator choice.</summary>
    public IReadOnlyList<UnitOption> Regulators { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid unitId)
    {
        var result = await this.SendAsync(mediator, new GetOrganisation.Query(unitId), r => { Unit = r.Root; return Page(); });
        if (Unit is { } u) Input = new() { Name = u.Name, Kind = u.Kind, Level = u.Level, ParentId = u.ParentId, Industry = u.Industry, RegulatorId = u.RegulatorId };
        await LoadAsync(unitId);
        return result;
    }

    public async Task<IActionResult> OnPostAsync(Guid unitId)
    {
        // A value the form could not read (a choice it does not offer) is refused at its field, never sent as a default.
        if (!ModelState.IsValid)
        {
            Unit = (await mediator.Send(new GetOrganisation.Query(unitId), HttpContext.RequestAborted)).Root;
            await LoadAsync(unitId);
            return Page();
        }
        var result = await this.SendAsync(mediator, new EditUnit.Command(unitId, Input.Name, Input.Kind, Input.Level, Input.ParentId, Input.Industry, Input.RegulatorId), _ =>
        {
            TempData["Status"] = Text.T("单位已修改。", "The unit was changed.");
            return Redirect($"/Admin/Organisation#unit-{unitId}");
        });
        if (result is PageResult)
        {
            Unit = (await mediator.Send(new GetOrganisation.Query(unitId), HttpContext.RequestAborted)).Root;
            await LoadAsync(unitId);
        }
        return result;
    }

    public async Task<IActionResult> OnPostRetireAsync(Guid unitId)
    {
        var result = await this.SendAsync(mediator, new RetireUnit.Command(unitId), _ =>
        {
            TempData["Status"] = Text.T("单位已撤销；其案件和历史保留。", "The unit was retired; its cases and history are kept.");
            return Redirect($"/Admin/Organisation#unit-{unitId}");
        });
        if (result is PageResult)
        {
            Unit = (await mediator.Send(new GetOrganisation.Query(unitId), HttpContext.RequestAborted)).Root;
            Input = new() { Name = Unit.Name, Kind = Unit.Kind, Level = Unit.Level, ParentId = Unit.ParentId, Industry = Unit.Industry, RegulatorId = Unit.RegulatorId };
            await LoadAsync(unitId);
        }
        return result;
    }

    private async Task LoadAsync(Guid unitId)
    {
        var all = await mediator.Send(new GetOrganisation.Query(), HttpContext.RequestAborted);
        // A unit cannot move below itself: its own subtree is not offered.
        var below = new HashSet<Guid>();
        void Walk(GetOrganisation.UnitNode n, bool inside)
        {
            if (inside || n.Id == unitId) { below.Add(n.Id); inside = true; }
            foreach (var c in n.Children) Walk(c, inside);
        }
        Walk(all.Root, false);
        Units = all.Units.Where(u => !below.Contains(u.Id)).ToList();
        var regulators = new HashSet<Guid>();
        void Find(GetOrganisation.UnitNode n)
        {
            if (n.Kind == UnitKind.IndustryRegulator && !n.Retired) regulators.Add(n.Id);
            foreach (var c in n.Children) Find(c);
        }
        Find(all.Root);
        Regulators = all.Units.Where(u => regulators.Contains(u.Id)).ToList();
    }
}
