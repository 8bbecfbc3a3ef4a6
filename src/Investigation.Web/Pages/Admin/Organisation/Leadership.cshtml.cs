using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>Sets a unit's leadership team from the unit's people (SetLeadershipTeam).</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class LeadershipModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public sealed class InputModel
    {
        public Guid? MainLeadId { get; set; }
        public Guid? SecurityLeadId { get; set; }
        public List<Guid> OtherMemberIds { get; set; } = [];
        /// <summary>The first day of the new team, as a calendar day in China Standard Time.</summary>
        public DateOnly? EffectiveFrom { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    public GetOrganisation.UnitNode? Unit { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid unitId) =>
        this.SendAsync(mediator, new GetOrganisation.Query(unitId), r =>
        {
            Unit = r.Root;
            if (r.Root.Leadership is { } team)
                Input = new() { MainLeadId = team.MainLead.Id, SecurityLeadId = team.SecurityLead.Id, OtherMemberIds = team.OtherMembers.Select(m => m.Id).ToList() };
            // Today is offered, visibly, in the field: the administrator changes it to the real date of the change.
            Input.EffectiveFrom = Investigation.Domain.Organisation.ChinaDate.Of(clock.GetUtcNow());
            return Page();
        });

    public async Task<IActionResult> OnPostAsync(Guid unitId)
    {
        // A value the form could not read (a choice it does not offer) is refused at its field, never sent as a default.
        if (!ModelState.IsValid)
        {
            Unit = (await mediator.Send(new GetOrganisation.Query(unitId), HttpContext.RequestAborted)).Root;
            return Page();
        }
        var result = await this.SendAsync(mediator, new SetLeadershipTeam.Command(unitId, Input.MainLeadId ?? Guid.Empty, Input.SecurityLeadId ?? Guid.Empty, Input.OtherMemberIds, Input.EffectiveFrom), _ =>
        {
            TempData["Status"] = Text.T("领导班子已更新。", "The leadership team was set.");
            return Redirect($"/Admin/Organisation#unit-{unitId}");
        });
        if (result is PageResult) Unit = (await mediator.Send(new GetOrganisation.Query(unitId), HttpContext.RequestAborted)).Root;
        return result;
    }
}
