using Investigation.Domain.Incidents;
using Investigation.Domain.TraceBack;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Tasks;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Investigation.Web.Api;

/// <summary>The inbox, claiming and handing over tasks, moving their due dates, and one endpoint per kind of task to complete it.</summary>
public static class TasksEndpoints
{
    public static void MapTasksEndpoints(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Tasks");

        tasks.MapGet("", async Task<Ok<GetInbox.Result>> (IMediator mediator, CancellationToken ct, GetInbox.Show scope = GetInbox.Show.All, string? kind = null,
                    Circumstance? circumstance = null, Guid? caseId = null, DateTimeOffset? dueBefore = null, int page = 1, int pageSize = 25) =>
            {
                // A number in the query binds to an enum even when no value has it: refused by name, as a name no value has is.
                var undefined = new List<FluentValidation.Results.ValidationFailure>();
                if (!Enum.IsDefined(scope)) undefined.Add(new(nameof(scope), Text.T($"参数“scope”须为以下值之一：{string.Join(", ", Enum.GetNames<GetInbox.Show>())}。",
                    $"The parameter 'scope' must be one of: {string.Join(", ", Enum.GetNames<GetInbox.Show>())}.")));
                if (circumstance is { } c && !Enum.IsDefined(c)) undefined.Add(new(nameof(circumstance), Text.T($"参数“circumstance”须为以下值之一：{string.Join(", ", Enum.GetNames<Circumstance>())}。",
                    $"The parameter 'circumstance' must be one of: {string.Join(", ", Enum.GetNames<Circumstance>())}.")));
                if (kind?.Length > 100) undefined.Add(new(nameof(kind), Text.T("参数“kind”过长。", "The parameter 'kind' is too long.")));
                if (undefined.Count > 0) throw new FluentValidation.ValidationException(undefined);
                return TypedResults.Ok(await mediator.Send(new GetInbox.Query(scope, kind, circumstance, caseId, dueBefore, page, pageSize), ct));
            })
            .WithName(nameof(GetInbox))
            .WithSummary("The inbox: my open tasks and those I can claim (收件箱)")
            .WithDescription("Overdue first, then by due date. `scope` is All, Mine or Claimable; `kind` a task kind (Acceptance, PartyConcernedFindings, …); " +
                             "`page` from 1 to 100,000 and `pageSize` from 1 to 200: out of range is a 400 naming the parameter, never clamped.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        MapChange(tasks, "claim", nameof(ClaimTask), "Claim a task: it leaves the others' inboxes (认领)", id => new ClaimTask.Command(id));
        MapChange(tasks, "release", nameof(ReleaseTask), "Give a claimed task back to everyone with its role (退回)", id => new ReleaseTask.Command(id));
        MapStep<ReassignTaskBody>(tasks, "reassign", nameof(ReassignTask), "Hand a task to another user with its role, with the reason (转派)",
            (id, b) => new ReassignTask.Command(id, b.ToUser, b.Reason));
        // PUT: the body is the new value of the task's due date (with why), not an action on the task.
        tasks.MapPut("/{id:guid}/due", async Task<NoContent> (Guid id, ChangeDueDateBody body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new ChangeDueDate.Command(id, body.DueAt, body.Reason), ct);
                return TypedResults.NoContent();
            })
            .WithName(nameof(ChangeDueDate))
            .WithSummary("Move a task's due date, with the reason; reminders and escalations follow it (调整截止时间)")
            .WithDescription("For an administrator, or the case's lead investigator for investigation tasks. `dueAt` is an ISO 8601 time with its offset " +
                             "(China Standard Time is +08:00) and must be in the future.")
            .ProducesValidationProblem()
            .TaskRefusals();

        MapStep<CompleteAcceptanceBody>(tasks, "acceptance", nameof(CompleteAcceptance), "Accept the case with an investigation team of two or more, or reject it (受理)",
            (id, b) => new CompleteAcceptance.Command(id, b.Accept, b.LeadInvestigator, b.Members, b.Reason));
        MapStep<RecordFindingsBody>(tasks, "findings", nameof(RecordFindings), "Record the findings of one trace-back level (倒查认定)",
            (id, b) => new RecordFindings.Command(id, b.Findings));
        MapStep<AssessCoordinationBody>(tasks, "coordination-assessment", nameof(AssessCoordination), "Assess whether coordination or supervision was ineffective (协调监管评估)",
            (id, b) => new AssessCoordination.Command(id, b.CoordinationIneffective, b.SupervisionIneffective, b.Reason));
        MapStep<DetermineResponsibilityBody>(tasks, "responsibility", nameof(DetermineResponsibility), "Record the decision at fault and confirm responsibility under Article 9 (责任认定)",
            // A missing decision goes on as null, for the use case's validator to name.
            (id, b) => new DetermineResponsibility.Command(id,
                b.Decision is { } d ? new DetermineResponsibility.DecisionInput(d.Collective, d.Participants ?? [], d.Dissenters ?? [], d.Description) : null,
                b.Overrides));
        MapStep<RecordHearingBody>(tasks, "hearing", nameof(RecordHearing), "Record each responsible person's statement and defence (陈述和申辩)",
            (id, b) => new RecordHearing.Command(id, b.Statements));
        MapStep<SubmitSuggestionBody>(tasks, "suggestion", nameof(SubmitSuggestion), "Propose forms of accountability and submit the suggestion (问责建议)",
            (id, b) => new SubmitSuggestion.Command(id, b.Proposals));
        MapStep<ReviewCaseBody>(tasks, "review", nameof(ReviewCase), "Endorse, return for supplementary investigation, or decline (纪检审核)",
            (id, b) => new ReviewCase.Command(id, b.Decision, b.Reason, b.Levels));
        MapStep<ApproveReviewBody>(tasks, "approval", nameof(ApproveReview), "Approve the endorsement as a second reviewer, or refuse it (审核批准)",
            (id, b) => new ApproveReview.Command(id, b.Approve, b.Reason));
        MapStep<RecordDecisionBody>(tasks, "decision", nameof(RecordDecision), "Record the managing Party organisation's decision (问责决定)",
            (id, b) => new RecordDecision.Command(id, b.Measures, b.DecidedOn, b.Announcement, b.Grounds));
        MapStep<OrganisationalAdjustmentBody>(tasks, "organisational-adjustment", nameof(CompleteOrganisationalAdjustment),
            "Report the formalities of organisational adjustment or handling done, within one month (组织调整或者组织处理, Article 14)",
            (id, b) => new CompleteOrganisationalAdjustment.Command(id, b.CompletedOn, b.Note));
        MapStep<DecideAppealBody>(tasks, "appeal-decision", nameof(DecideAppeal), "Answer an appeal within one month: uphold or change the decision (申诉处理, Article 20)",
            (id, b) => new DecideAppeal.Command(id, b.Change, b.Replacement, b.Ground, b.Answer, b.DecidedOn));
        MapStep<AcknowledgeResultBody>(tasks, "acknowledgement", nameof(AcknowledgeResult), "Acknowledge the forwarded result; the case closes (干部主管部门接收)",
            (id, b) => new AcknowledgeResult.Command(id, b.Note));
    }

    /// <summary>A POST to /tasks/{id}/{action} without a body.</summary>
    private static void MapChange(RouteGroupBuilder tasks, string action, string useCase, string summary, Func<Guid, IRequest<Unit>> command) =>
        tasks.MapPost($"/{{id:guid}}/{action}", async Task<NoContent> (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command(id), ct);
                return TypedResults.NoContent();
            })
            .WithName(useCase)
            .WithSummary(summary)
            .TaskRefusals();

    /// <summary>A POST to /tasks/{id}/{action}: the body is the use case's command without the task id, which comes from the route.</summary>
    private static void MapStep<TBody>(RouteGroupBuilder tasks, string action, string useCase, string summary, Func<Guid, TBody, IRequest<Unit>> command) =>
        tasks.MapPost($"/{{id:guid}}/{action}", async Task<NoContent> (Guid id, TBody body, IMediator mediator, CancellationToken ct) =>
            {
                // A body of JSON null (or none) reaches a generic parameter as null: refused by name, never sent on.
                if (body is null) throw BindingErrors.MissingBody();
                await mediator.Send(command(id, body), ct);
                return TypedResults.NoContent();
            })
            .WithName(useCase)
            .WithSummary(summary)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .TaskRefusals();

    /// <summary>Not yours to see (404), not your role or someone else's claim (403), already done by someone else (409).</summary>
    private static RouteHandlerBuilder TaskRefusals(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}

// ---- The bodies: each use case's command without the task id. What may be left out has a default,
// ---- so that the OpenAPI document does not mark it required. What is required has none, and is
// ---- nullable all the same: left out or sent as null, the use case's validator refuses it by name
// ---- (a missing boolean is not false, a missing choice not the first one).

public sealed record ReassignTaskBody(string? ToUser, string? Reason);

public sealed record ChangeDueDateBody(DateTimeOffset? DueAt, string? Reason);

public sealed record CompleteAcceptanceBody(bool? Accept, string? LeadInvestigator = null, IReadOnlyList<string>? Members = null, string? Reason = null);

public sealed record RecordFindingsBody(IReadOnlyList<RecordFindings.FindingInput>? Findings);

public sealed record AssessCoordinationBody(bool? CoordinationIneffective, bool? SupervisionIneffective, string? Reason);

/// <summary>An individual decision has no participants or dissenters: they may be left out.</summary>
public sealed record DecisionAtFaultBody(bool? Collective, string? Description, IReadOnlyList<Guid>? Participants = null, IReadOnlyList<Guid>? Dissenters = null);

public sealed record DetermineResponsibilityBody(DecisionAtFaultBody? Decision, IReadOnlyList<DetermineResponsibility.OverrideInput>? Overrides = null);

public sealed record RecordHearingBody(IReadOnlyList<RecordHearing.StatementInput>? Statements);

public sealed record SubmitSuggestionBody(IReadOnlyList<MeasureInput>? Proposals);

public sealed record ReviewCaseBody(ReviewCase.Verdict? Decision, string? Reason = null, IReadOnlyList<TraceBackLevel>? Levels = null);

public sealed record ApproveReviewBody(bool? Approve, string? Reason = null);

public sealed record RecordDecisionBody(IReadOnlyList<MeasureInput>? Measures, DateOnly? DecidedOn, string? Announcement, IReadOnlyList<GroundInput>? Grounds = null);

public sealed record AcknowledgeResultBody(string? Note = null);

public sealed record OrganisationalAdjustmentBody(DateOnly? CompletedOn, string? Note);

public sealed record DecideAppealBody(bool? Change, string? Answer, DateOnly? DecidedOn, MeasureInput? Replacement = null, GroundInput? Ground = null);
