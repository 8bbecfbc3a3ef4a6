using Investigation.Domain.Accountability;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Cases;

/// <summary>
/// An accountability investigation, from the registered incident to the cadre management department's
/// acknowledgement. Every status change goes through <see cref="CaseTransitions.Table"/>; each method
/// refuses what the rules forbid with a message that says why.
/// </summary>
public sealed class Case
{
    private readonly List<CircumstanceFacts> facts;
    private readonly List<Article3Duty> dutiesFailed;
    private readonly List<string> evidence;
    private readonly List<PersonResponsibility> responsibilities = [];
    private readonly List<Statement> statements = [];
    private readonly List<Review> reviews = [];

    private Case(CaseId id, string number, UnitId unitId, string title, string description, DateTimeOffset occurredAt,
        IEnumerable<CircumstanceFacts> facts, IEnumerable<Article3Duty> dutiesFailed, IEnumerable<string> evidence,
        string registeredBy, DateTimeOffset registeredAt)
    {
        Id = id;
        Number = Guard.Text(number, "A case number");
        UnitId = unitId;
        Title = Guard.Text(title, "A title");
        Description = Guard.Text(description, "A description of the incident");
        OccurredAt = occurredAt;
        this.facts = facts.ToList();
        this.dutiesFailed = dutiesFailed.Distinct().Order().ToList();
        this.evidence = evidence.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList();
        RegisteredBy = Guard.Text(registeredBy, "Who registers the case");
        RegisteredAt = registeredAt;
        Evaluation = Article8Evaluation.Of(this.facts, this.dutiesFailed);
    }

    public CaseId Id { get; }
    public string Number { get; }
    public UnitId UnitId { get; }
    public string Title { get; }
    public string Description { get; }
    public DateTimeOffset OccurredAt { get; }
    public IReadOnlyList<CircumstanceFacts> Facts => facts;
    public IReadOnlyList<Article3Duty> DutiesFailed => dutiesFailed;
    public IReadOnlyList<string> Evidence => evidence;
    public string RegisteredBy { get; }
    public DateTimeOffset RegisteredAt { get; }
    public Article8Evaluation Evaluation { get; }

    public CaseStatus Status { get; private set; } = CaseStatus.Registered;
    public InvestigationTeam? Team { get; private set; }
    public string? RejectionReason { get; private set; }
    public TraceBackChain? Chain { get; private set; }
    public DecisionRecord? DecisionAtFault { get; private set; }
    public IReadOnlyList<PersonResponsibility> Responsibilities => responsibilities;
    public IReadOnlyList<Statement> Statements => statements;
    public AccountabilitySuggestion? Suggestion { get; private set; }
    public IReadOnlyList<Review> Reviews => reviews;
    public AccountabilityDecision? Decision { get; private set; }
    public Acknowledgement? Acknowledgement { get; private set; }

    /// <summary>Rebuilds a case from its stored snapshot; the Article 8 evaluation is recomputed from the facts.</summary>
    public static Case Restore(CaseSnapshot s)
    {
        var c = new Case(new CaseId(s.Id), s.Number, new UnitId(s.UnitId), s.Title, s.Description, s.OccurredAt,
            s.Facts, s.DutiesFailed, s.Evidence, s.RegisteredBy, s.RegisteredAt)
        {
            Status = s.Status,
            Team = s.Team,
            RejectionReason = s.RejectionReason,
            Chain = s.Chain is { } chain
                ? TraceBackChain.Restore(new UnitId(chain.UnitId), chain.Levels.Select(l =>
                    ChainLevel.Restore(l.Level, l.Subjects, l.Status, l.Round, l.Findings, l.Superseded)), chain.Assessment)
                : null,
            DecisionAtFault = s.DecisionAtFault,
            Suggestion = s.Suggestion,
            Decision = s.Decision,
            Acknowledgement = s.Acknowledgement,
        };
        c.responsibilities.AddRange(s.Responsibilities.Select(r =>
            new PersonResponsibility(r.Person, r.Level, r.Derived, r.Reason, r.Citation, r.Dissented, r.Override)));
        c.statements.AddRange(s.Statements);
        c.reviews.AddRange(s.Reviews);
        return c;
    }

    public CaseSnapshot ToSnapshot() => new(
        Id.Value, Number, UnitId.Value, Title, Description, OccurredAt, facts.ToList(), dutiesFailed.ToList(), evidence.ToList(),
        RegisteredBy, RegisteredAt, Status, Team, RejectionReason,
        Chain is null ? null : new ChainSnapshot(Chain.Unit.Value, Chain.Assessment, Chain.Levels.Select(l =>
            new LevelSnapshot(l.Level, l.Subjects.ToList(), l.Status, l.Round, l.Findings.ToList(), l.Superseded.ToList())).ToList()),
        DecisionAtFault,
        responsibilities.Select(r => new ResponsibilitySnapshot(r.Person, r.Level, r.Derived, r.DerivationReason, r.Citation, r.Dissented, r.Override)).ToList(),
        statements.ToList(), Suggestion, reviews.ToList(), Decision, Acknowledgement);

    public static Case Register(CaseId id, string number, UnitId unitId, string title, string description, DateTimeOffset occurredAt,
        IEnumerable<CircumstanceFacts> facts, IEnumerable<Article3Duty> dutiesFailed, IEnumerable<string> evidence,
        string registeredBy, DateTimeOffset registeredAt)
    {
        var c = new Case(id, number, unitId, title, description, occurredAt, facts, dutiesFailed, evidence, registeredBy, registeredAt);
        if (c.facts.Count == 0 && c.dutiesFailed.Count == 0)
            throw new DomainException("Record the facts of at least one Article 8 circumstance, or an Article 3 duty that was not performed.");
        if (occurredAt > registeredAt)
            throw new DomainException("An incident cannot be registered before it occurred.");
        return c;
    }

    // ---- the transition table, and what the UI asks of it ----

    public bool Can(CaseTrigger trigger) => CaseTransitions.Target(Status, trigger) is not null && Precondition(trigger) is null;

    /// <summary>Why a trigger is refused now, or null if it is allowed.</summary>
    public string? WhyNot(CaseTrigger trigger) =>
        CaseTransitions.Target(Status, trigger) is not null ? Precondition(trigger)
        : Status.IsFinal() ? $"The case is {Status}: nothing more can be done with it."
        : $"A case that is {Status} cannot {trigger}; what it can do now: {string.Join(", ", CaseTransitions.AllowedFrom(Status))}.";

    public bool CanAccept => Can(CaseTrigger.Accept);
    public bool CanReject => Can(CaseTrigger.Reject);
    public bool CanRecordFindings => Status == CaseStatus.Investigating;
    public bool CanCompleteTraceBack => Can(CaseTrigger.CompleteTraceBack);
    public bool CanDetermineResponsibility => Status == CaseStatus.DeterminingResponsibility;
    public bool CanConfirmResponsibility => Can(CaseTrigger.ConfirmResponsibility);
    public bool CanRecordStatement => Status == CaseStatus.Hearing;
    public bool CanCompleteHearing => Can(CaseTrigger.CompleteHearing);
    public bool CanDraftSuggestion => Status == CaseStatus.DraftingSuggestion;
    public bool CanSubmitSuggestion => Can(CaseTrigger.SubmitSuggestion);
    public bool CanReview => Status == CaseStatus.UnderReview;
    public bool CanApprove => Status == CaseStatus.AwaitingApproval;
    public bool CanDecide => Can(CaseTrigger.Decide);
    public bool CanAcknowledge => Can(CaseTrigger.Acknowledge);

    private string? Precondition(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Accept when Evaluation.Basis == AccountabilityBasis.None =>
            "Neither an Article 8 circumstance is met nor an Article 3 duty failed: there is nothing to investigate; reject the case with a reason.",
        CaseTrigger.CompleteTraceBack when Chain is not { IsComplete: true } =>
            "Every level of the trace-back must be done (and coordination and supervision assessed) before responsibility is determined.",
        CaseTrigger.ConfirmResponsibility when DecisionAtFault is null =>
            "Record the decision at fault and derive responsibility first.",
        CaseTrigger.CompleteHearing when PeopleToHear.Except(statements.Select(s => s.Person)).Any() =>
            "Every person held responsible must have their statement and defence recorded (or their refusal to make one).",
        CaseTrigger.SubmitSuggestion when Suggestion is null =>
            "Draft the accountability suggestion first.",
        _ => null,
    };

    private void Fire(CaseTrigger trigger)
    {
        if (WhyNot(trigger) is { } why) throw new DomainException(why);
        Status = CaseTransitions.Target(Status, trigger)!.Value;
    }

    private void Require(bool allowed, string action)
    {
        if (!allowed) throw new DomainException($"A case that is {Status} does not allow to {action}.");
    }

    // ---- acceptance ----

    public void Accept(OrganisationTree organisation, InvestigationTeam team)
    {
        if (WhyNot(CaseTrigger.Accept) is { } why) throw new DomainException(why);
        Chain = TraceBackChain.Start(organisation, UnitId);
        Team = team;
        Fire(CaseTrigger.Accept);
    }

    public void Reject(string reason)
    {
        var text = Guard.Text(reason, "A reason for rejecting the case");
        Fire(CaseTrigger.Reject);
        RejectionReason = text;
    }

    // ---- trace-back ----

    public void RecordFindings(TraceBackLevel level, IEnumerable<Finding> findings)
    {
        Require(CanRecordFindings, "record findings");
        Chain!.RecordFindings(level, findings);
    }

    public void AssessCoordination(OrganisationTree organisation, CoordinationAssessment assessment)
    {
        Require(CanRecordFindings, "assess coordination and supervision");
        Chain!.AssessCoordination(organisation, assessment);
    }

    public void CompleteTraceBack() => Fire(CaseTrigger.CompleteTraceBack);

    // ---- responsibility (Article 9) ----

    public IReadOnlyList<PersonResponsibility> DetermineResponsibility(OrganisationTree organisation, DecisionRecord decision)
    {
        Require(CanDetermineResponsibility, "determine responsibility");
        var team = organisation.Unit(UnitId).Leadership
            ?? throw new DomainException("The unit has no leadership team on record.");
        var derived = Article9.Derive(Chain!, team, decision);
        DecisionAtFault = decision;
        responsibilities.Clear();
        responsibilities.AddRange(derived);
        return responsibilities;
    }

    public void OverrideResponsibility(PersonId person, ResponsibilityKind kind, string reason, string by, DateTimeOffset at)
    {
        Require(CanDetermineResponsibility, "override responsibility");
        var entry = responsibilities.FirstOrDefault(r => r.Person == person)
            ?? throw new DomainException("That person has no derived responsibility in this case.");
        entry.OverrideWith(kind, reason, by, at);
    }

    public void ConfirmResponsibility() => Fire(CaseTrigger.ConfirmResponsibility);

    public IEnumerable<PersonId> PeopleHeldResponsible =>
        responsibilities.Where(r => r.Effective != ResponsibilityKind.None).Select(r => r.Person);

    private IEnumerable<PersonId> PeopleToHear => PeopleHeldResponsible;

    // ---- hearing ----

    public void RecordStatement(Statement statement)
    {
        Require(CanRecordStatement, "record a statement");
        if (!PeopleHeldResponsible.Contains(statement.Person))
            throw new DomainException("Statements are heard from the people held responsible.");
        if (!statement.Declined && string.IsNullOrWhiteSpace(statement.Text))
            throw new DomainException("Record the statement, or that the person declined to make one.");
        statements.RemoveAll(s => s.Person == statement.Person);
        statements.Add(statement);
    }

    public void CompleteHearing() => Fire(CaseTrigger.CompleteHearing);

    // ---- the accountability suggestion ----

    public void DraftSuggestion(IEnumerable<Measure> proposals, string by, DateTimeOffset at)
    {
        Require(CanDraftSuggestion, "draft a suggestion");
        var list = proposals.ToList();
        if (list.Select(m => m.Subject).Distinct().Count() != list.Count)
            throw new DomainException("Propose the forms for each person or team once, combined in one measure.");
        var responsible = PeopleHeldResponsible.ToHashSet();
        foreach (var m in list)
        {
            if (m.Subject.Kind == TargetKind.Cadre && !responsible.Contains(new PersonId(m.Subject.Id)))
                throw new DomainException("A measure can be proposed only for a person held responsible.");
            if (m.Subject.Kind == TargetKind.Organisation && m.Subject.Id != UnitId.Value)
                throw new DomainException("A measure against a Party organisation is proposed for the unit of the case.");
        }
        if (list.Count == 0 && responsible.Count > 0)
            throw new DomainException("People are held responsible: propose at least one measure.");
        Suggestion = new(list, Guard.Text(by, "Who drafts the suggestion"), at, null);
    }

    public void SubmitSuggestion(DateTimeOffset at)
    {
        Fire(CaseTrigger.SubmitSuggestion);
        Suggestion = Suggestion! with { SubmittedAt = at };
    }

    // ---- discipline inspection review ----

    public void Endorse(string reviewer, string? reason, DateTimeOffset at)
    {
        var who = Guard.Text(reviewer, "The reviewer");
        Fire(CaseTrigger.Endorse);
        reviews.Add(new(ReviewOutcome.Endorsed, who, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), [], at));
    }

    /// <summary>Returns the case for supplementary investigation of the named levels only.</summary>
    public void ReturnForSupplementaryInvestigation(string reviewer, IEnumerable<TraceBackLevel> levels, string reason, DateTimeOffset at)
    {
        var text = Guard.Text(reason, "A reason for returning the case");
        var who = Guard.Text(reviewer, "The reviewer");
        var list = levels.Distinct().Order().ToList();
        if (WhyNot(CaseTrigger.ReturnForSupplementaryInvestigation) is { } why) throw new DomainException(why);
        Chain!.Reopen(list);
        Fire(CaseTrigger.ReturnForSupplementaryInvestigation);
        reviews.Add(new(ReviewOutcome.Returned, who, text, list, at));
        // The findings may change, so responsibility is determined and the people are heard anew.
        statements.Clear();
        responsibilities.Clear();
        DecisionAtFault = null;
        Suggestion = null;
    }

    public void Decline(string reviewer, string reason, DateTimeOffset at)
    {
        var text = Guard.Text(reason, "A reason for declining");
        var who = Guard.Text(reviewer, "The reviewer");
        Fire(CaseTrigger.Decline);
        reviews.Add(new(ReviewOutcome.Declined, who, text, [], at));
    }

    /// <summary>The endorsement that awaits approval, if any.</summary>
    public Review? PendingEndorsement => Status == CaseStatus.AwaitingApproval ? reviews.LastOrDefault(r => r.Outcome == ReviewOutcome.Endorsed) : null;

    /// <summary>An endorsement stands only with the approval of a second reviewer, who is not the first.</summary>
    public void Approve(string approver, DateTimeOffset at)
    {
        var who = Guard.Text(approver, "The approver");
        if (PendingEndorsement is { } endorsement && string.Equals(endorsement.Reviewer, who, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("The endorsement must be approved by a second reviewer, not by the one who endorsed it.");
        Fire(CaseTrigger.Approve);
        reviews.Add(new(ReviewOutcome.Approved, who, null, [], at));
    }

    public void RefuseApproval(string approver, string reason, DateTimeOffset at)
    {
        var who = Guard.Text(approver, "The approver");
        var text = Guard.Text(reason, "A reason for refusing approval");
        if (PendingEndorsement is { } endorsement && string.Equals(endorsement.Reviewer, who, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("The endorsement must be judged by a second reviewer, not by the one who endorsed it.");
        Fire(CaseTrigger.RefuseApproval);
        reviews.Add(new(ReviewOutcome.ApprovalRefused, who, text, [], at));
    }

    // ---- decision and forwarding ----

    /// <summary>The managing Party organisation decides the forms per person; it alone has that authority.</summary>
    public void Decide(OrganisationTree organisation, UnitId decidingOrganisation, IEnumerable<Measure> measures,
        DateOnly decidedOn, string announcement, string recordedBy, DateTimeOffset at)
    {
        var list = measures.ToList();
        if (WhyNot(CaseTrigger.Decide) is { } why) throw new DomainException(why);
        if (list.Select(m => m.Subject).Distinct().Count() != list.Count)
            throw new DomainException("Decide the forms for each person or team once, combined in one measure.");
        foreach (var m in list)
            DecisionAuthority.EnsureMayDecide(organisation, decidingOrganisation, m.Subject);
        // Deciding on no measure at all is still a decision: it too belongs to an organisation with authority here.
        var subjects = PeopleHeldResponsible.Select(AccountabilitySubject.Cadre).Append(AccountabilitySubject.Organisation(UnitId));
        if (list.Count == 0 && !subjects.Any(s => DecisionAuthority.MayDecide(organisation, decidingOrganisation, s)))
            throw new DomainException($"{organisation.Unit(decidingOrganisation).Name} has no management authority over the people or the Party organisation of this case (Article 9, paragraph 2).");
        if (decidedOn > DateOnly.FromDateTime(at.UtcDateTime.AddDays(1)))
            throw new DomainException("A decision date cannot lie in the future.");
        var text = Guard.Text(announcement, "The announcement of the decision");
        var who = Guard.Text(recordedBy, "Who records the decision");
        Fire(CaseTrigger.Decide);
        Decision = new(decidingOrganisation, list, decidedOn, text, who, at);
    }

    public void Acknowledge(string by, string? note, DateTimeOffset at)
    {
        var who = Guard.Text(by, "Who acknowledges");
        Fire(CaseTrigger.Acknowledge);
        Acknowledgement = new(who, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), at);
    }
}
