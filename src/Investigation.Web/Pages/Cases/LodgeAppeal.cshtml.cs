using Investigation.Domain.Accountability;
using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>A written appeal received by the deciding organisation (LodgeAppeal): in time it goes to its task, late it is refused with the reason.</summary>
public sealed class LodgeAppealModel(IMediator mediator, TimeProvider clock) : CaseFormModel<LodgeAppealModel.InputModel>(mediator, clock)
{
    public Task<IActionResult> OnGetAsync(Guid id)
    {
        Input = new() { LodgedOn = Today };
        return LoadAsync(id);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var shown = await LoadAsync(id);
        if (shown is not PageResult) return shown;
        // As nullable: a subject that is not in the decision is none, not the default subject (a cadre with an empty id).
        var subject = Data.Case.Decision?.Measures.Select(m => (AccountabilitySubject?)m.Subject).FirstOrDefault(s => $"{s!.Value.Kind}:{s.Value.Id}" == Input.Appellant);
        if (subject is null) ModelState.AddModelError("Input.Appellant", Text.T("请选择申诉人。", "Choose the appellant."));
        return await SendAsync(id, new LodgeAppeal.Command(id, subject?.Kind, subject?.Id, Input.LodgedOn, Input.Grounds ?? ""), "execution");
    }

    public sealed class InputModel
    {
        /// <summary>"Kind:Id" of a subject of the decision.</summary>
        public string? Appellant { get; set; }
        [Needed("请填写收到书面申诉的日期。", "Give the date the written appeal was received.")]
        public DateOnly? LodgedOn { get; set; }
        public string? Grounds { get; set; }
    }
}
