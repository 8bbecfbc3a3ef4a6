using Investigation.Domain.Accountability;
using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Cases;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>A written appeal received by the deciding organisation (LodgeAppeal): in time it goes to its task, late it is refused with the reason.</summary>
public sealed class LodgeAppealModel(IMediator mediator, TimeProvider clock) : PageModel
{
    [BindProperty] public InputModel Input { get; set; } = new();

    public GetCase.Result Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Input = new() { LodgedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Text.ChinaTime).DateTime) };
        return await LoadAsync(id);
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var shown = await LoadAsync(id);
        if (shown is not PageResult || !ModelState.IsValid) return shown;
        // As nullable: a subject that is not in the decision is none, not the default subject (a cadre with an empty id).
        var subject = Data.Case.Decision?.Measures.Select(m => (AccountabilitySubject?)m.Subject).FirstOrDefault(s => $"{s!.Value.Kind}:{s.Value.Id}" == Input.Appellant);
        var command = new LodgeAppeal.Command(id, subject?.Kind, subject?.Id, Input.LodgedOn, Input.Grounds ?? "");
        if (subject is null)
        {
            // Every other message too, at once: not one per submit.
            ModelState.AddModelError("Input.Appellant", Text.T("请选择申诉人。", "Choose the appellant."));
            await this.ValidateOnlyAsync(command);
            return Page();
        }
        var sent = await this.SendAsync(mediator, command, _ => Redirect($"/Cases/Details/{id}#execution"));
        return sent is PageResult ? await LoadAsync(id) : sent;
    }

    private Task<IActionResult> LoadAsync(Guid id) =>
        this.SendAsync(mediator, new GetCase.Query(id), r =>
        {
            Data = r;
            return Page();
        }, "");

    public sealed class InputModel
    {
        /// <summary>"Kind:Id" of a subject of the decision.</summary>
        public string? Appellant { get; set; }
        [Needed("请填写收到书面申诉的日期。", "Give the date the written appeal was received.")]
        public DateOnly? LodgedOn { get; set; }
        public string? Grounds { get; set; }
    }
}
