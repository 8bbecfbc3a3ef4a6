using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Evidence;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Cases;

/// <summary>
/// One case in full (GetCase) with its process diagram (GetProcessDiagram); the diagram's BPMN comes
/// from the Bpmn handler (ExportBpmn). A case of a unit the user may not see is "not found", here and there.
/// </summary>
[AcceptsEvidenceFiles]
public sealed class DetailsModel(IMediator mediator, TimeProvider clock) : PageModel
{
    public GetCase.Result Data { get; private set; } = null!;
    public GetProcessDiagram.Result Diagram { get; private set; } = null!;
    /// <summary>Who did what, when, with what outcome (GetCaseHistory): the timeline people read.</summary>
    public GetCaseHistory.Result History { get; private set; } = new([], 0);

    /// <summary>"?history=all": the whole timeline instead of its newest entries.</summary>
    [BindProperty(SupportsGet = true, Name = "history")]
    public string? HistoryScope { get; set; }
    /// <summary>The case's evidence files and its team's comments (ListEvidence).</summary>
    public ListEvidence.Result Evidence { get; private set; } = new([], []);
    public DateTimeOffset Now { get; } = clock.GetUtcNow();
    /// <summary>The workflow engine's log is the administrators' concern: read for them only, and shown to them only.</summary>
    public bool ShowsEngineLog => AppClaimsFactory.ActorOf(User).IsIn(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        try
        {
            Data = await mediator.Send(new GetCase.Query(id, EngineLog: ShowsEngineLog), HttpContext.RequestAborted);
            Diagram = await mediator.Send(new GetProcessDiagram.Query(id), HttpContext.RequestAborted);
            History = await mediator.Send(new GetCaseHistory.Query(id, HistoryScope == "all" ? null : GetCaseHistory.Query.DefaultNewest), HttpContext.RequestAborted);
            Evidence = await mediator.Send(new ListEvidence.Query(id), HttpContext.RequestAborted);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }

    /// <summary>A Word document of the case (ExportDocument): the suggestion, the investigation report, the decision, or an appeal's answer.</summary>
    public async Task<IActionResult> OnGetDocumentAsync(Guid id, ExportDocument.Kind document, int? appeal)
    {
        try
        {
            var file = await mediator.Send(new ExportDocument.Query(id, document, appeal), HttpContext.RequestAborted);
            return File(file.Content, ExportDocument.Result.ContentType, file.FileName);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (DomainException e)
        {
            return Content(Text.T(e), "text/plain; charset=utf-8");
        }
    }

    /// <summary>An evidence file (GetEvidenceFile): shown in the browser where it can show it safely, else downloaded.</summary>
    public async Task<IActionResult> OnGetEvidenceAsync(Guid id, Guid file)
    {
        try
        {
            var found = await mediator.Send(new GetEvidenceFile.Query(id, file), HttpContext.RequestAborted);
            // The file is the uploader's, not ours: never sniffed into something else, never run as a page of this site.
            Response.Headers.XContentTypeOptions = "nosniff";
            Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
            if (!found.Previewable) return File(found.Content, found.ContentType, found.FileName);
            Response.Headers.ContentDisposition = $"inline; filename*=UTF-8''{Uri.EscapeDataString(found.FileName)}";
            return File(found.Content, found.ContentType + (found.ContentType.StartsWith("text/") ? "; charset=utf-8" : ""));
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    /// <summary>Adds an evidence file to the case or to a level's findings (UploadEvidence).</summary>
    public async Task<IActionResult> OnPostUploadEvidenceAsync(Guid id, IFormFile? file, Investigation.Domain.TraceBack.TraceBackLevel? level)
    {
        if (ModelState.TryGetValue(nameof(level), out var read) && read.Errors.Count > 0 || level is { } l && !Enum.IsDefined(l))
        {
            ModelState.Clear();
            ModelState.AddModelError("Upload.Level", Text.T("请从列表中选择层级。", "Choose the level from the list."));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ReloadAsync(id);
        }
        byte[] content = [];
        if (file is not null)
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, HttpContext.RequestAborted);
            content = buffer.ToArray();
        }
        var done = await this.SendAsync(mediator, new UploadEvidence.Command(id, level, file?.FileName ?? "", content), r =>
        {
            TempData["Status"] = Text.T($"已上传 {file!.FileName}（SHA-256 {r.Sha256[..12]}…）。", $"Uploaded {file!.FileName} (SHA-256 {r.Sha256[..12]}…).");
            return Redirect($"/Cases/Details/{id}#evidence");
        }, "Upload");
        return done is PageResult ? await ReloadAsync(id) : done;
    }

    /// <summary>A remark for the case's team (CommentOnCase).</summary>
    public async Task<IActionResult> OnPostCommentAsync(Guid id, string? text)
    {
        var done = await this.SendAsync(mediator, new CommentOnCase.Command(id, text ?? ""), _ => Redirect($"/Cases/Details/{id}#comments"), "Comment");
        return done is PageResult ? await ReloadAsync(id) : done;
    }

    /// <summary>The page again after a refusal, with its messages (the status stays what it was: nothing was written).</summary>
    private async Task<IActionResult> ReloadAsync(Guid id)
    {
        var status = Response.StatusCode;
        var shown = await OnGetAsync(id);
        if (shown is PageResult && status >= 400) Response.StatusCode = status;
        return shown;
    }

    /// <param name="instance">One of the case's adjustment or appeal workflows; none for its investigation.</param>
    public Task<IActionResult> OnGetBpmnAsync(Guid id, Guid? instance) =>
        this.SendAsync(mediator, new ExportBpmn.Query(id, instance), xml => Content(xml, "application/xml; charset=utf-8"));

    public string PersonName(PersonId id) =>
        Data.People.TryGetValue(id, out var p) ? $"{p.Name}（{p.Post}）" : Text.T("（组织中无此人）", "(not in the organisation)");

    public string UnitName(UnitId id) => Data.Organisation.Contains(id) ? Data.Organisation.Unit(id).Name : id.ToString();

    public string SubjectName(AccountabilitySubject subject) => subject.Kind == TargetKind.Cadre
        ? PersonName(new PersonId(subject.Id))
        : $"{UnitName(new UnitId(subject.Id))} {Text.T("党组织", "Party organisation")}";

    public bool IsOverdue(GetCase.TaskRow task) => task.Status == HumanTaskStatus.Open && task.DueAt < Now;
}

/// <summary>One diagram on the case page: the workflow drawn, the element's id, where its BPMN comes from, and its heading (none for the investigation's).</summary>
public sealed record DiagramView(GetProcessDiagram.Result Diagram, string Id, string Url, BilingualText? Title);
