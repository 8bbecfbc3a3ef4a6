using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>
/// One case in full (GetCase) with its process diagram (GetProcessDiagram); the diagram's BPMN comes
/// from the Bpmn handler (ExportBpmn). A case of a unit the user may not see is "not found", here and there.
/// </summary>
public sealed class DetailsModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public GetCase.Result Data { get; private set; } = null!;
    public GetProcessDiagram.Result Diagram { get; private set; } = null!;
    /// <summary>Who did what, when, with what outcome (GetCaseHistory): the timeline people read.</summary>
    public IReadOnlyList<GetCaseHistory.Entry> History { get; private set; } = [];
    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Data = await mediator.Send(new GetCase.Query(id), HttpContext.RequestAborted);
            Diagram = await mediator.Send(new GetProcessDiagram.Query(id), HttpContext.RequestAborted);
            History = await mediator.Send(new GetCaseHistory.Query(id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    public Task<IActionResult> OnGetBpmnAsync(Guid id) =>
        this.SendAsync(mediator, new ExportBpmn.Query(id), xml => Content(xml, "application/xml; charset=utf-8"));

    public string PersonName(PersonId id) =>
        Data.People.TryGetValue(id, out var p) ? $"{p.Name}（{p.Post}）" : Text.T("（组织中无此人）", "(not in the organisation)");

    public string UnitName(UnitId id) => Data.Organisation.Contains(id) ? Data.Organisation.Unit(id).Name : id.ToString();

    public string SubjectName(AccountabilitySubject subject) => subject.Kind == TargetKind.Cadre
        ? PersonName(new PersonId(subject.Id))
        : $"{UnitName(new UnitId(subject.Id))} {Text.T("党组织", "Party organisation")}";

    public bool IsOverdue(GetCase.TaskRow task) => task.Status == HumanTaskStatus.Open && task.DueAt < Now;
}
