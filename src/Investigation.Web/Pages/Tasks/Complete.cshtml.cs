using Investigation.Web.Infrastructure;
using Investigation.Web.Pages.Tasks.Forms;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Investigation.Web.Pages.Tasks;

/// <summary>
/// A task with its form and its case beside it (GetTask). Each kind of task posts its own form to its own
/// handler, which sends that kind's command; a refusal comes back next to the fields, and nothing changes.
/// </summary>
public sealed class CompleteModel(IMediator mediator, TimeProvider clock) : PageModel
{
    /// <summary>The confirmation shown on the next page, under the key the other pages use.</summary>
    public const string Confirmation = "Status";

    public GetTask.Result Detail { get; private set; } = null!;
    public PreviewResponsibility.Result? Preview { get; private set; }

    // The form of each kind, named after its command, so that the command's field errors name its fields.
    public CompleteAcceptanceForm CompleteAcceptance { get; private set; } = new();
    public RecordFindingsForm RecordFindings { get; private set; } = new();
    public AssessCoordinationForm AssessCoordination { get; private set; } = new();
    public DetermineResponsibilityForm DetermineResponsibility { get; private set; } = new();
    public RecordHearingForm RecordHearing { get; private set; } = new();
    public SubmitSuggestionForm SubmitSuggestion { get; private set; } = new();
    public ReviewCaseForm ReviewCase { get; private set; } = new();
    public ApproveReviewForm ApproveReview { get; private set; } = new();
    public RecordDecisionForm RecordDecision { get; private set; } = new();
    public AcknowledgeResultForm AcknowledgeResult { get; private set; } = new();
    public CompleteOrganisationalAdjustmentForm CompleteOrganisationalAdjustment { get; private set; } = new();
    public DecideAppealForm DecideAppeal { get; private set; } = new();
    public ChangeDueDateForm ChangeDueDate { get; private set; } = new();
    public ReassignTaskForm ReassignTask { get; private set; } = new();
    /// <summary>Whether I may hand the task on, and to whom (GetReassignCandidates).</summary>
    public GetReassignCandidates.Result? Reassign { get; private set; }

    /// <summary>My saved draft of this task's form (SaveDraft), restored into it on opening the page.</summary>
    public SaveDraft.Draft? Draft { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var shown = await LoadAsync(id);
        if (shown is PageResult) Prefill();
        if (shown is PageResult && Detail.CanWork) Draft = await mediator.Send(new SaveDraft.Query(id), HttpContext.RequestAborted);
        return shown;
    }

    /// <summary>
    /// Save-draft from the page's script (SaveDraft): the form's fields as JSON in <c>values</c>. Answers JSON with
    /// the message to show: 200 saved, 400 refused (too long...), 403 not theirs to work, 404 not found, 409 closed.
    /// </summary>
    public async Task<IActionResult> OnPostSaveDraftAsync(Guid id, string? values)
    {
        var done = await this.SendAsync(mediator, new SaveDraft.Command(id, values ?? ""), at =>
            new JsonResult(new { message = Text.T($"已暂存（{Text.When(at)}，北京时间），可在任何电脑上继续。",
                $"Draft saved ({Text.When(at)}, China Standard Time): continue on any computer.") }), "Draft");
        if (done is not PageResult) return done;
        var status = Response.StatusCode == StatusCodes.Status403Forbidden ? 403
            : ModelState.Keys.Any(k => k.StartsWith("Draft.", StringComparison.Ordinal)) ? 400 : 409;
        return new JsonResult(new { message = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)) }) { StatusCode = status };
    }

    /// <summary>Throws my draft away (DiscardDraft): the page again, as the form starts without it.</summary>
    public async Task<IActionResult> OnPostDiscardDraftAsync(Guid id) =>
        await this.SendAsync(mediator, new DiscardDraft.Command(id), _ =>
        {
            TempData[Confirmation] = Text.T("暂存已放弃。", "The draft is discarded.");
            return Redirect($"/Tasks/Complete/{id}");
        }, "");

    /// <summary>Moves the due date (for those GetTask says may): back to this page, which shows the new date and the change.</summary>
    public async Task<IActionResult> OnPostChangeDueDateAsync(Guid id, [Bind(Prefix = nameof(ChangeDueDate))] ChangeDueDateForm form)
    {
        ChangeDueDate = form;
        var loaded = await LoadAsync(id);
        if (loaded is not PageResult) return loaded;
        if (!ModelState.IsValid)
        {
            await this.ValidateOnlyAsync(form.ToCommand(id), nameof(ChangeDueDate));
            return loaded;
        }
        var done = await this.SendAsync(mediator, form.ToCommand(id), _ =>
        {
            var due = Text.When(Text.InChina(form.DueAt!.Value));
            TempData[Confirmation] = Text.T($"截止时间已改为 {due}（北京时间）。", $"The due date is now {due} (China Standard Time).");
            return Redirect($"/Tasks/Complete/{id}");
        }, nameof(ChangeDueDate));
        // Refused: the page as it is now, with the messages and what the person entered.
        return done is PageResult ? await LoadAsync(id) : done;
    }

    /// <summary>Hands the task to someone else (ReassignTask): back to this page, which now names the new holder.</summary>
    public async Task<IActionResult> OnPostReassignTaskAsync(Guid id, [Bind(Prefix = nameof(ReassignTask))] ReassignTaskForm form)
    {
        ReassignTask = form;
        var loaded = await LoadAsync(id);
        if (loaded is not PageResult) return loaded;
        // Someone chosen from outside the list (a tampered select) is named at the field, as the use case would refuse them.
        if (form.ToUser is { Length: > 0 } to && Reassign is { } choices && choices.Candidates.All(c => c.UserName != to))
        {
            ModelState.AddModelError($"{nameof(ReassignTask)}.{nameof(ReassignTaskForm.ToUser)}", Text.T("请从列表中选择接手人。", "Choose who takes the task from the list."));
            return loaded;
        }
        var done = await this.SendAsync(mediator, form.ToCommand(id), _ =>
        {
            TempData[Confirmation] = Text.T($"任务已转交给 {form.ToUser}。", $"The task is now {form.ToUser}'s.");
            return Redirect($"/Tasks/Complete/{id}");
        }, nameof(ReassignTask));
        return done is PageResult ? await LoadAsync(id) : done;
    }

    public Task<IActionResult> OnPostCompleteAcceptanceAsync(Guid id, [Bind(Prefix = nameof(CompleteAcceptance))] CompleteAcceptanceForm form)
    {
        CompleteAcceptance = form;
        return CompleteAsync(id, nameof(CompleteAcceptance), () => form.ToCommand(id));
    }

    public Task<IActionResult> OnPostRecordFindingsAsync(Guid id, [Bind(Prefix = nameof(RecordFindings))] RecordFindingsForm form)
    {
        RecordFindings = form;
        return CompleteAsync(id, nameof(RecordFindings), () => form.ToCommand(id));
    }

    public Task<IActionResult> OnPostAssessCoordinationAsync(Guid id, [Bind(Prefix = nameof(AssessCoordination))] AssessCoordinationForm form)
    {
        AssessCoordination = form;
        return CompleteAsync(id, nameof(AssessCoordination), () => form.ToCommand(id));
    }

    public Task<IActionResult> OnPostDetermineResponsibilityAsync(Guid id, [Bind(Prefix = nameof(DetermineResponsibility))] DetermineResponsibilityForm form)
    {
        DetermineResponsibility = form;
        return CompleteAsync(id, nameof(DetermineResponsibility), () => form.ToCommand(id), ("Overrides", form.SentRows));
    }

    public Task<IActionResult> OnPostRecordHearingAsync(Guid id, [Bind(Prefix = nameof(RecordHearing))] RecordHearingForm form)
    {
        RecordHearing = form;
        return CompleteAsync(id, nameof(RecordHearing), () => form.ToCommand(id));
    }

    public Task<IActionResult> OnPostSubmitSuggestionAsync(Guid id, [Bind(Prefix = nameof(SubmitSuggestion))] SubmitSuggestionForm form)
    {
        SubmitSuggestion = form;
        return CompleteAsync(id, nameof(SubmitSuggestion), () => form.ToCommand(id), ("Proposals", form.SentRows));
    }

    public Task<IActionResult> OnPostReviewCaseAsync(Guid id, [Bind(Prefix = nameof(ReviewCase))] ReviewCaseForm form)
    {
        ReviewCase = form;
        return CompleteAsync(id, nameof(ReviewCase), () => form.ToCommand(id));
    }

    public Task<IActionResult> OnPostApproveReviewAsync(Guid id, [Bind(Prefix = nameof(ApproveReview))] ApproveReviewForm form)
    {
        ApproveReview = form;
        return CompleteAsync(id, nameof(ApproveReview), () => form.ToCommand(id));
    }

    public Task<IActionResult> OnPostRecordDecisionAsync(Guid id, [Bind(Prefix = nameof(RecordDecision))] RecordDecisionForm form)
    {
        RecordDecision = form;
        return CompleteAsync(id, nameof(RecordDecision), () => form.ToCommand(id), ("Measures", form.SentRows), ("Grounds", form.SentGrounds));
    }

    public Task<IActionResult> OnPostCompleteOrganisationalAdjustmentAsync(Guid id, [Bind(Prefix = nameof(CompleteOrganisationalAdjustment))] CompleteOrganisationalAdjustmentForm form)
    {
        CompleteOrganisationalAdjustment = form;
        return CompleteAsync(id, nameof(CompleteOrganisationalAdjustment), () => form.ToCommand(id));
    }

    public async Task<IActionResult> OnPostDecideAppealAsync(Guid id, [Bind(Prefix = nameof(DecideAppeal))] DecideAppealForm form)
    {
        DecideAppeal = form;
        var loaded = await LoadAsync(id);
        if (loaded is not PageResult) return loaded;
        var pending = Detail.Case.Appeals.FirstOrDefault(a => a.Status == Domain.Cases.AppealStatus.Pending);
        return await CompleteAsync(id, nameof(DecideAppeal), () => form.ToCommand(id, pending));
    }

    public Task<IActionResult> OnPostAcknowledgeResultAsync(Guid id, [Bind(Prefix = nameof(AcknowledgeResult))] AcknowledgeResultForm form)
    {
        AcknowledgeResult = form;
        return CompleteAsync(id, nameof(AcknowledgeResult), () => form.ToCommand(id));
    }

    /// <summary>
    /// Article 9's derivation for the decision as drafted, saved nowhere (PreviewResponsibility): a fragment
    /// for htmx, or the whole page where script does not run.
    /// </summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, [Bind(Prefix = nameof(DetermineResponsibility))] DetermineResponsibilityForm form)
    {
        DetermineResponsibility = form;
        var htmx = Request.Headers.ContainsKey("HX-Request");
        var shown = await this.SendAsync(mediator, new PreviewResponsibility.Query(id, form.Decision.ToInput()), r =>
        {
            Preview = r;
            return htmx ? Partial("/Pages/Tasks/Forms/_ResponsibilityPreview.cshtml", this) : Page();
        }, nameof(DetermineResponsibility));
        if (htmx && shown is PageResult) return Partial("/Pages/Tasks/Forms/_ResponsibilityPreview.cshtml", this);
        return shown is PageResult ? await LoadAsync(id) : shown;
    }

    /// <param name="rows">For a form that leaves blank rows out: the command's list, and the form's rows it carries.</param>
    private async Task<IActionResult> CompleteAsync<T>(Guid id, string form, Func<IRequest<T>> command, params (string List, IReadOnlyList<int> Sent)[] rows)
    {
        var loaded = await LoadAsync(id);
        if (loaded is not PageResult) return loaded;
        // A lead chosen from outside the list (a tampered select) is named here: the use case's own check comes only once all else is valid.
        if (form == nameof(CompleteAcceptance) && CompleteAcceptance.LeadInvestigator is { Length: > 0 } lead && Detail.Investigators.All(i => i.UserName != lead))
            ModelState.AddModelError($"{form}.{nameof(CompleteAcceptanceForm.LeadInvestigator)}", Text.T("请从列表中选择调查组组长。", "Choose the lead investigator from the list."));
        // A choice the person did not make (accept or reject...) has no value to send: the command is only validated, so all its messages show.
        if (!ModelState.IsValid)
        {
            await this.ValidateOnlyAsync(command(), rows.Length == 0 ? form : SentPrefix);
            if (rows.Length > 0) ModelState.Move(SentPrefix, form, rows);
            return loaded;
        }
        var done = await this.SendAsync(mediator, command(), _ =>
        {
            TempData[Confirmation] = Text.T($"已完成：{Text.T(Detail.Info.Name)}（{Detail.Case.Number}）", $"Completed: {Text.T(Detail.Info.Name)} ({Detail.Case.Number})");
            return Redirect("/Tasks");
        }, rows.Length == 0 ? form : SentPrefix);
        if (rows.Length > 0) ModelState.Move(SentPrefix, form, rows);
        // Refused: show the task as it is now (someone else may have completed it meanwhile).
        return done is PageResult ? await LoadAsync(id) : done;
    }

    /// <summary>Where the field errors of a form that leaves blank rows out wait, in the command's numbering, before they are moved to the form's rows.</summary>
    private const string SentPrefix = "Sent";

    private async Task<IActionResult> LoadAsync(Guid id)
    {
        var shown = await this.SendAsync(mediator, new GetTask.Query(id), r =>
        {
            Detail = r;
            return Page();
        }, "");
        if (shown is PageResult && Detail is not null)
            Reassign = await mediator.Send(new GetReassignCandidates.Query(id), HttpContext.RequestAborted);
        return shown;
    }

    private void Prefill()
    {
        if (Detail.CanChangeDue) ChangeDueDate = ChangeDueDateForm.For(Detail);
        switch (Detail.Task.Kind)
        {
            case TaskKinds.Acceptance: CompleteAcceptance = CompleteAcceptanceForm.For(Detail); break;
            case TaskKinds.ResponsibilityDetermination: DetermineResponsibility = DetermineResponsibilityForm.For(Detail); break;
            case TaskKinds.Hearing: RecordHearing = RecordHearingForm.For(Detail); break;
            case TaskKinds.AccountabilitySuggestion: SubmitSuggestion = SubmitSuggestionForm.For(Detail); break;
            case TaskKinds.Decision:
                RecordDecision = RecordDecisionForm.For(Detail, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Text.ChinaTime).DateTime));
                break;
            case TaskKinds.OrganisationalAdjustment:
                CompleteOrganisationalAdjustment = new() { CompletedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Text.ChinaTime).DateTime) };
                break;
            case TaskKinds.AppealDecision:
                DecideAppeal = new() { DecidedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Text.ChinaTime).DateTime) };
                break;
            default:
                if (Detail.Level is not null) RecordFindings = RecordFindingsForm.For(Detail);
                break;
        }
    }
}
