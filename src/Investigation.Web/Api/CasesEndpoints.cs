using Investigation.Domain;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Investigation.Web.Api;

/// <summary>Cases: RegisterIncident, GetCase, GetProcessDiagram.</summary>
public static class CasesEndpoints
{
    public static void MapCasesEndpoints(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");

        cases.MapPost("", async Task<Created<RegisteredCase>> (RegisterIncident.Command command, IMediator mediator, CancellationToken ct) =>
            {
                var result = await mediator.Send(command, ct);
                return TypedResults.Created($"/api/v1/cases/{result.CaseId}", new RegisteredCase(result.CaseId, result.Number, EvaluationView.From(result.Evaluation)));
            })
            .WithName(nameof(RegisterIncident))
            .WithSummary("Register an incident (登记事件)")
            .WithDescription("A case officer registers an incident with the facts of the Article 8 circumstances it alleges (or the Article 3 duties failed). " +
                             "The answer carries the case number and the Article 8 evaluation, clause by clause; the acceptance task is in the case officers' inbox.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapGet("/{id:guid}", async Task<Ok<CaseView>> (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(CaseView.From(await mediator.Send(new GetCase.Query(id, EngineLog: true), ct))))
            .WithName(nameof(GetCase))
            .WithSummary("Get a case (案件详情)")
            .WithDescription("Facts, the Article 8 evaluation with its clauses and citations, the trace-back chain, responsibilities, statements, " +
                             "the suggestion, reviews, the decision, the tasks and the timeline. A case of a unit outside yours is not found.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        cases.MapPost("/{id:guid}/investigation-report", async Task<NoContent> (Guid id, InvestigationReportBody body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RecordInvestigationReport.Command(id, body.Facts, body.Conclusion, body.Participants, body.DiscussionConclusion, body.DiscussedOn), ct);
                return TypedResults.NoContent();
            })
            .WithName(nameof(RecordInvestigationReport))
            .WithSummary("Record the investigation report and its collective discussion (调查报告)")
            .WithDescription("A member of the investigation team records the team's report (facts, conclusion) and the collective discussion " +
                             "that adopted it (participants, conclusion), after the hearing; the suggestion is refused without it (Accountability Regulations, Article 11).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapPost("/{id:guid}/delivery", async Task<NoContent> (Guid id, DeliveryBody body, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new RecordDelivery.Command(id, body.DeliveredOn, body.Recipients), ct);
                return TypedResults.NoContent();
            })
            .WithName(nameof(RecordDelivery))
            .WithSummary("Record the delivery of the decision document (问责决定书送达)")
            .WithDescription("The one-month limits run from this date: the appeal (Article 20) and the organisational adjustment task (Article 14), which starts here.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapPost("/{id:guid}/appeals", async Task<Ok<LodgeAppeal.Result>> (Guid id, AppealBody body, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new LodgeAppeal.Command(id, body.Target, body.SubjectId, body.LodgedOn, body.Grounds), ct)))
            .WithName(nameof(LodgeAppeal))
            .WithSummary("Record a written appeal against the decision (申诉)")
            .WithDescription("In time (within one month of delivery) it starts the appeal workflow with its one-month task; late, it is kept and refused " +
                             "with the reason (status RefusedAsLate). Execution of the decision is not suspended (Article 20).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapGet("/{id:guid}/documents/{document}", async Task<FileContentHttpResult> (Guid id, ExportDocument.Kind document, int? appeal, IMediator mediator, CancellationToken ct) =>
            {
                var file = await mediator.Send(new ExportDocument.Query(id, document, appeal), ct);
                return TypedResults.File(file.Content, ExportDocument.Result.ContentType, file.FileName);
            })
            .WithName(nameof(ExportDocument))
            .WithSummary("Download the suggestion, the investigation report, the decision or an appeal's answer as a Word document (问责建议书、调查报告、问责决定书、申诉处理决定书)")
            .WithDescription("document is Suggestion, Report, Decision or AppealAnswer (with ?appeal=<number> when the case has several answered appeals; "
                + "the written answer of Article 20 to the appellant and their organisation); laid out as a Chinese official document (GB/T 9704).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        cases.MapGet("/{id:guid}/diagram", async Task<Ok<GetProcessDiagram.Result>> (Guid id, IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetProcessDiagram.Query(id), ct)))
            .WithName(nameof(GetProcessDiagram))
            .WithSummary("Get the process diagram of a case (流程图)")
            .WithDescription("Every step of the case's workflow version, marked Done, Active or Pending, and the connections between them; "
                + "execution lists the same for the organisational adjustment (Article 14) and each appeal (Article 20) once the decision is delivered.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

// ---- What the API answers about a case. Shaped here, field by field, from the domain's Case: the
// ---- aggregate keeps its state private, and the API's contract must not change when it does.

public sealed record RegisteredCase(Guid CaseId, string Number, EvaluationView Evaluation);

public sealed record DeliveryBody(DateOnly? DeliveredOn, string? Recipients);

public sealed record AppealBody(TargetKind? Target, Guid? SubjectId, DateOnly? LodgedOn, string? Grounds);

/// <summary>After the decision: its delivery, the statutory last days, organisational adjustment, appeals, and decisions an appeal changed.</summary>
public sealed record ExecutionView(DecisionDelivery? Delivery, DateOnly? AppealLastDay, DateOnly? AdjustmentLastDay, AdjustmentCompletion? Adjustment,
    IReadOnlyList<AppealView> Appeals, IReadOnlyList<DecisionView> EarlierDecisions, Citation AppealCitation, Citation AdjustmentCitation);

public sealed record AppealView(int Number, TargetKind Target, Guid SubjectId, string? SubjectName, DateOnly LodgedOn, string Grounds, AppealStatus Status,
    DateOnly LastDay, DateOnly AnswerLastDay, string? Answer, DateOnly? DecidedOn);

public sealed record InvestigationReportBody(string? Facts, string? Conclusion, IReadOnlyList<string>? Participants, string? DiscussionConclusion, DateOnly? DiscussedOn);

public sealed record InvestigationReportView(string Facts, string Conclusion, IReadOnlyList<string> Participants, string DiscussionConclusion,
    DateOnly DiscussedOn, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static InvestigationReportView? From(InvestigationReport? r) =>
        r is null ? null : new(r.Facts, r.Conclusion, r.Participants, r.DiscussionConclusion, r.DiscussedOn, r.RecordedBy, r.RecordedAt);
}

public sealed record UnitRef(Guid Id, string? Name);

/// <summary>A person by id, with name and post when the organisation knows them.</summary>
public sealed record PersonRef(Guid Id, string? Name, string? Post);

public sealed record DutyView(Article3Duty Duty, string Provision, BilingualText Name)
{
    public static DutyView From(Article3Duty d) => new(d, d.Provision(), d.Name());
}

public sealed record ClauseView(BilingualText Clause, bool Satisfied, BilingualText Reason);

public sealed record CircumstanceView(Circumstance Circumstance, string Provision, BilingualText Name, bool Met, BilingualText Summary,
    IReadOnlyList<ClauseView> Clauses, Citation Citation);

/// <summary>Article 8: on what basis accountability applies, and every circumstance, met or not, clause by clause.</summary>
public sealed record EvaluationView(AccountabilityBasis Basis, bool TraceBackMandatory, BilingualText Conclusion, Citation? Citation,
    IReadOnlyList<CircumstanceView> Circumstances, IReadOnlyList<DutyView> DutiesFailed)
{
    public static EvaluationView From(Article8Evaluation e) => new(e.Basis, e.TraceBackMandatory, e.Conclusion,
        e.Basis switch
        {
            AccountabilityBasis.SeriousCircumstance => Article8Evaluation.SecondParagraph,
            AccountabilityBasis.DutyFailure => Article8Evaluation.FirstParagraph,
            _ => null,
        },
        e.Circumstances.Select(c => new CircumstanceView(c.Circumstance, c.Circumstance.Provision(), c.Circumstance.Name(), c.Met, c.Summary,
            c.Clauses.Select(x => new ClauseView(x.Clause, x.Satisfied, x.Reason)).ToList(), c.Citation)).ToList(),
        e.DutiesFailed.Select(DutyView.From).ToList());
}

public sealed record TeamView(string Lead, IReadOnlyList<string> Members);

public sealed record CoordinationView(bool CoordinationIneffective, bool SupervisionIneffective, string Reason);

public sealed record FindingView(PersonRef Person, bool Responsible, string Facts, IReadOnlyList<string> Evidence, Article3Duty? DutyFailed, string? ReasonNotResponsible);

public sealed record LevelView(TraceBackLevel Level, BilingualText Name, LevelStatus Status, int Round, IReadOnlyList<PersonRef> Subjects,
    IReadOnlyList<FindingView> Findings, IReadOnlyList<FindingView> Superseded);

/// <summary>逐级倒查: each level, who is traced there, and the findings (and those a supplementary investigation replaced).</summary>
public sealed record ChainView(bool Complete, CoordinationView? Assessment, IReadOnlyList<LevelView> Levels);

public sealed record DecisionAtFaultView(bool Collective, IReadOnlyList<PersonRef> Participants, IReadOnlyList<PersonRef> Dissenters, string Description);

public sealed record OverrideView(ResponsibilityKind Kind, string Reason, string By, DateTimeOffset At);

/// <summary>Article 9: what the rules derive, what is in effect (an override, with its reason, if any), and why.</summary>
public sealed record ResponsibilityView(PersonRef Person, TraceBackLevel? Level, ResponsibilityKind Derived, ResponsibilityKind Effective,
    BilingualText Reason, Citation Citation, bool Dissented, OverrideView? Override);

public sealed record StatementView(PersonRef Person, string Statement, string? Defence, bool Declined, string RecordedBy, DateTimeOffset At);

public sealed record MeasureView(TargetKind Target, Guid SubjectId, string? SubjectName, IReadOnlyList<AccountabilityForm> Forms, string Reason);

public sealed record SuggestionView(IReadOnlyList<MeasureView> Proposals, string DraftedBy, DateTimeOffset DraftedAt, DateTimeOffset? SubmittedAt);

public sealed record ReviewView(ReviewOutcome Outcome, string Reviewer, string? Reason, IReadOnlyList<TraceBackLevel> ReturnedLevels, DateTimeOffset At);

public sealed record DecisionView(UnitRef DecidedBy, IReadOnlyList<MeasureView> Measures, DateOnly DecidedOn, string Announcement, string RecordedBy, DateTimeOffset RecordedAt,
    IReadOnlyList<GroundView> Grounds);

/// <summary>A ground of the decision with its article (Accountability Regulations, Articles 17–19).</summary>
public sealed record GroundView(TargetKind Target, Guid SubjectId, string? SubjectName, GroundKind Kind, BilingualText Name, string Reason, Citation Citation);

/// <summary>A round closed by a return for supplementary investigation, as it stood.</summary>
public sealed record RoundView(int Number, DecisionAtFaultView? DecisionAtFault, IReadOnlyList<ResponsibilityView> Responsibilities,
    IReadOnlyList<StatementView> Statements, SuggestionView? Suggestion, IReadOnlyList<ReviewView> Reviews, IReadOnlyList<TraceBackLevel> ReturnedLevels, DateTimeOffset ClosedAt,
    InvestigationReportView? Report);

/// <summary>Article 4: who coordinates and who supervises the case's unit, and why, whoever the level-4 head turns out to be.</summary>
public sealed record SupervisionView(UnitRef? Coordinating, UnitRef Supervising, SupervisionBasis Basis, BilingualText Reason, Citation Citation);

public sealed record AcknowledgementView(string By, string? Note, DateTimeOffset At);

/// <summary>Everything about one case. The facts have the shape they are registered in.</summary>
public sealed record CaseView(
    Guid Id, string Number, string Title, string Description, UnitRef Unit, DateTimeOffset OccurredAt, string RegisteredBy, DateTimeOffset RegisteredAt,
    CaseStatus Status, WorkflowStatus? WorkflowStatus,
    IncidentFactsInput Facts, IReadOnlyList<DutyView> DutiesFailed, IReadOnlyList<string> Evidence, EvaluationView Evaluation,
    TeamView? Team, string? RejectionReason, ChainView? Chain,
    DecisionAtFaultView? DecisionAtFault, IReadOnlyList<ResponsibilityView> Responsibilities, IReadOnlyList<StatementView> Statements,
    SuggestionView? Suggestion, IReadOnlyList<ReviewView> Reviews, DecisionView? Decision, AcknowledgementView? Acknowledgement,
    IReadOnlyList<GetCase.TaskRow> Tasks, IReadOnlyList<GetCase.TimelineEntry> Timeline,
    int CurrentRound = 1, IReadOnlyList<RoundView>? PreviousRounds = null, SupervisionView? Supervision = null, InvestigationReportView? Report = null,
    ExecutionView? Execution = null)
{
    public static CaseView From(GetCase.Result r)
    {
        var c = r.Case;
        PersonRef Person(PersonId id) => r.People.TryGetValue(id, out var p) ? new(id.Value, p.Name, p.Post) : new(id.Value, null, null);
        UnitRef Unit(UnitId id) => new(id.Value, r.Organisation.Contains(id) ? r.Organisation.Unit(id).Name : null);
        FindingView Finding(Finding f) => new(Person(f.Person), f.Responsible, f.Facts, f.Evidence, f.DutyFailed, f.ReasonNotResponsible);
        MeasureView Measure(Measure m) => new(m.Subject.Kind, m.Subject.Id,
            m.Subject.Kind == TargetKind.Cadre ? Person(new PersonId(m.Subject.Id)).Name : Unit(new UnitId(m.Subject.Id)).Name,
            m.Forms, m.Reason);
        string? SubjectName(AccountabilitySubject subject) =>
            subject.Kind == TargetKind.Cadre ? Person(new PersonId(subject.Id)).Name : Unit(new UnitId(subject.Id)).Name;
        DecisionAtFaultView DecisionAtFault(DecisionRecord d) => new(d.Collective, d.Participants.Select(Person).ToList(), d.Dissenters.Select(Person).ToList(), d.Description);
        ResponsibilityView Responsibility(PersonId person, TraceBackLevel? level, ResponsibilityKind derived, BilingualText reason, Citation citation, bool dissented, ResponsibilityOverride? o) =>
            new(Person(person), level, derived, o?.Kind ?? derived, reason, citation, dissented, o is null ? null : new(o.Kind, o.Reason, o.By, o.At));
        StatementView Statement(Statement s) => new(Person(s.Person), s.Text, s.Defence, s.Declined, s.RecordedBy, s.At);
        SuggestionView Suggestion(AccountabilitySuggestion s) => new(s.Proposals.Select(Measure).ToList(), s.DraftedBy, s.DraftedAt, s.SubmittedAt);
        ReviewView Review(Review v) => new(v.Outcome, v.Reviewer, v.Reason, v.ReturnedLevels, v.At);
        DecisionView DecisionOf(AccountabilityDecision decision) =>
            new(Unit(decision.DecidedBy), decision.Measures.Select(Measure).ToList(), decision.DecidedOn, decision.Announcement, decision.RecordedBy, decision.RecordedAt,
                decision.Grounds.Select(g => new GroundView(g.Subject.Kind, g.Subject.Id, SubjectName(g.Subject), g.Kind, g.Kind.Name(), g.Reason, g.Citation)).ToList());
        SupervisionView? Supervision()
        {
            if (c.Chain is null || !r.Organisation.Contains(c.UnitId)) return null;
            try
            {
                var supervising = r.Organisation.SupervisingDepartmentOf(c.UnitId);
                var coordinating = r.Organisation.CoordinatingDepartmentOf(c.UnitId);
                return new(coordinating is null ? null : Unit(coordinating.Id), Unit(supervising.Department.Id), supervising.Basis, supervising.Reason, supervising.Citation);
            }
            catch (DomainException)
            {
                return null; // an organisation without a region: the assessment task says so where it matters
            }
        }

        return new(c.Id.Value, c.Number, c.Title, c.Description, new(c.UnitId.Value, r.UnitName), c.OccurredAt, c.RegisteredBy, c.RegisteredAt,
            c.Status, r.WorkflowStatus,
            FactsOf(c), c.DutiesFailed.Select(DutyView.From).ToList(), c.Evidence, EvaluationView.From(c.Evaluation),
            c.Team is { } team ? new(team.Lead, team.Members) : null,
            c.RejectionReason,
            c.Chain is { } chain
                ? new(chain.IsComplete,
                    chain.Assessment is { } a ? new(a.CoordinationIneffective, a.SupervisionIneffective, a.Reason) : null,
                    chain.Levels.Select(l => new LevelView(l.Level, l.Level.Name(), l.Status, l.Round, l.Subjects.Select(Person).ToList(),
                        l.Findings.Select(Finding).ToList(), l.Superseded.Select(Finding).ToList())).ToList())
                : null,
            c.DecisionAtFault is { } d ? new(d.Collective, d.Participants.Select(Person).ToList(), d.Dissenters.Select(Person).ToList(), d.Description) : null,
            c.Responsibilities.Select(x => new ResponsibilityView(Person(x.Person), x.Level, x.Derived, x.Effective, x.DerivationReason, x.Citation, x.Dissented,
                x.Override is { } o ? new(o.Kind, o.Reason, o.By, o.At) : null)).ToList(),
            c.Statements.Select(s => new StatementView(Person(s.Person), s.Text, s.Defence, s.Declined, s.RecordedBy, s.At)).ToList(),
            c.Suggestion is { } s ? new(s.Proposals.Select(Measure).ToList(), s.DraftedBy, s.DraftedAt, s.SubmittedAt) : null,
            c.Reviews.Select(v => new ReviewView(v.Outcome, v.Reviewer, v.Reason, v.ReturnedLevels, v.At)).ToList(),
            c.Decision is { } decision ? DecisionOf(decision) : null,
            c.Acknowledgement is { } k ? new(k.By, k.Note, k.At) : null,
            r.Tasks, r.Timeline,
            c.CurrentRound,
            c.PreviousRounds.Select(round => new RoundView(round.Number, round.DecisionAtFault is { } f ? DecisionAtFault(f) : null,
                round.Responsibilities.Select(x => Responsibility(x.Person, x.Level, x.Derived, x.Reason, x.Citation, x.Dissented, x.Override)).ToList(),
                round.Statements.Select(Statement).ToList(), round.Suggestion is { } rs ? Suggestion(rs) : null,
                round.Reviews.Select(Review).ToList(), round.ReturnedLevels, round.ClosedAt, InvestigationReportView.From(round.Report))).ToList(),
            Supervision(), InvestigationReportView.From(c.Report),
            c.Decision is null ? null : new ExecutionView(c.Delivery, c.AppealLastDay, c.AdjustmentLastDay, c.AdjustmentCompletion,
                c.Appeals.Select(a => new AppealView(a.Number, a.Appellant.Kind, a.Appellant.Id, SubjectName(a.Appellant), a.LodgedOn, a.Grounds, a.Status,
                    a.LastDay, a.AnswerLastDay, a.Answer, a.DecidedOn)).ToList(),
                c.EarlierDecisions.Select(DecisionOf).ToList(), TimeLimits.Appeal, TimeLimits.OrganisationalAdjustment));
    }

    /// <summary>The facts back in the shape RegisterIncident takes them, one section per alleged circumstance.</summary>
    private static IncidentFactsInput FactsOf(Case c) => new()
    {
        PortalTampering = c.Facts.OfType<PortalTamperingFacts>().Select(IncidentFactsInput.PortalTamperingInput.From).FirstOrDefault(),
        PortalParalysis = c.Facts.OfType<PortalParalysisFacts>().Select(p =>
            new IncidentFactsInput.PortalParalysisInput(p.Site, p.SiteLevel, p.Attacked, p.DisposalOrganisedInTime, p.DownAt, p.RestoredAt)).FirstOrDefault(),
        DataLeak = c.Facts.OfType<DataLeakFacts>().Select(IncidentFactsInput.DataLeakInput.From).FirstOrDefault(),
        CriticalInfrastructure = c.Facts.OfType<CriticalInfrastructureFacts>().Select(IncidentFactsInput.CriticalInfrastructureInput.From).FirstOrDefault(),
        Concealment = c.Facts.OfType<ConcealmentFacts>().Select(IncidentFactsInput.ConcealmentInput.From).FirstOrDefault(),
        Obstruction = c.Facts.OfType<ObstructionFacts>().Select(IncidentFactsInput.ObstructionInput.From).FirstOrDefault(),
        OtherSeriousAct = c.Facts.OfType<OtherSeriousActFacts>().Select(o =>
            new IncidentFactsInput.OtherSeriousActInput(o.Description, o.SeriouslyEndangersCybersecurity)).FirstOrDefault(),
    };
}
