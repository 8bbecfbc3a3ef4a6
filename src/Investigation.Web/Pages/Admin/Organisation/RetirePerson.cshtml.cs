using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Admin.Organisation;

/// <summary>Records that a person has left (RetirePerson); posted from the organisation page.</summary>
[Authorize(Roles = Roles.Administrator)]
public sealed class RetirePersonModel(IMediator mediator) : PageModel
{
    public IActionResult OnGet() => Redirect("/Admin/Organisation");

    public async Task<IActionResult> OnPostAsync(Guid personId, Guid unitId)
    {
        var result = await this.SendAsync(mediator, new RetirePerson.Command(personId), _ =>
        {
            TempData["Status"] = Text.T("已记录离任；该人员保留在记录中。", "The person was retired and stays on record.");
            return Redirect($"/Admin/Organisation#unit-{unitId}");
        });
        if (result is PageResult)
        {
            // The refusal (still on the leadership team) goes back to the organisation page as its status line.
            TempData["Status"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect($"/Admin/Organisation#unit-{unitId}");
        }
        return result;
    }
}
