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
        Number = Guard.Text(number, "案件编号", "A case number");
        UnitId = unitId;
        Title = Guard.Text(title, "标题", "A title");
        Description = Guard.Text(description, "事件经过", "What happened");
        OccurredAt = occurredAt;
        this.facts = facts.ToList();
        this.dutiesFailed = dutiesFailed.Distinct().Order().ToList();
        this.evidence = evidence.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct().ToList();
        RegisteredBy = Guard.Text(registeredBy, "登记人", "Who registers the case");
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
            throw new DomainException("请至少记录一项第八条所列情形的事实，或一项未履行的第三条职责。", "Record the facts of at least one Article 8 circumstance, or an Article 3 duty that was not performed.");
        if (occurredAt > registeredAt)
            throw new DomainException("事件发生之前不能登记。", "An incident cannot be registered before it occurred.");
        return c;
    }

    // ---- the transition table, and what the UI asks of it ----

    public bool Can(CaseTrigger trigger) => CaseTransitions.Target(Status, trigger) is not null && Precondition(trigger) is null;

    /// <summary>Why a trigger is refused now, or null if it is allowed.</summary>
    public BilingualText? WhyNot(CaseTrigger trigger) =>
        CaseTransitions.Target(Status, trigger) is not null ? Precondition(trigger)
        : Status.IsFinal() ? new($"案件{Status.Name().Zh}：不能再进行任何操作。", $"The case is {Status}: nothing more can be done with it.")
        : new($"{Status.Name().Zh}的案件不能{trigger.Name().Zh}；现在可以：{string.Join("、", CaseTransitions.AllowedFrom(Status).Select(t => t.Name().Zh))}。",
              $"A case that is {Status} cannot {trigger}; what it can do now: {string.Join(", ", CaseTransitions.AllowedFrom(Status))}.");

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

    private BilingualText? Precondition(CaseTrigger trigger) => trigger switch
    {
        CaseTrigger.Accept when Evaluation.Basis == AccountabilityBasis.None => new(
            "既不符合第八条所列情形，也没有未履行第三条职责的情况：没有需要调查的内容，请说明理由后不予受理。",
            "Neither an Article 8 circumstance is met nor an Article 3 duty failed: there is nothing to investigate; reject the case with a reason."),
        CaseTrigger.CompleteTraceBack when Chain is not { IsComplete: true } => new(
            "逐级倒查的每一级都须完成（并完成协调监管评估），才能认定责任。",
            "Every level of the trace-back must be done (and coordination and supervision assessed) before responsibility is determined."),
        CaseTrigger.ConfirmResponsibility when DecisionAtFault is null => new(
            "请先记录有过错的决策并推定责任。",
            "Record the decision at fault and derive responsibility first."),
        CaseTrigger.CompleteHearing when PeopleToHear.Except(statements.Select(s => s.Person)).Any() => new(
            "每一名被认定负有责任的人员都须记录其陈述和申辩（或其拒绝陈述）。",
            "Every person held responsible must have their statement and defence recorded (or their refusal to make one)."),
        CaseTrigger.SubmitSuggestion when Suggestion is null => new(
            "请先起草问责建议。",
            "Draft the accountability suggestion first."),
        _ => null,
    };

    private void Fire(CaseTrigger trigger)
    {
        if (WhyNot(trigger) is { } why) throw new DomainException(why);
        Status = CaseTransitions.Target(Status, trigger)!.Value;
    }

    private void Require(bool allowed, string zh, string en)
    {
        if (!allowed) throw new DomainException($"{Status.Name().Zh}的案件不能{zh}。", $"A case that is {Status} does not allow to {en}.");
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
        var text = Guard.Text(reason, "不予受理的理由", "A reason for rejecting the case");
        Fire(CaseTrigger.Reject);
        RejectionReason = text;
    }

    // ---- trace-back ----

    public void RecordFindings(TraceBackLevel level, IEnumerable<Finding> findings)
    {
        Require(CanRecordFindings, "记录调查结论", "record findings");
        Chain!.RecordFindings(level, findings);
    }

    public void AssessCoordination(OrganisationTree organisation, CoordinationAssessment assessment)
    {
        Require(CanRecordFindings, "评估协调监管", "assess coordination and supervision");
        Chain!.AssessCoordination(organisation, assessment);
    }

    public void CompleteTraceBack() => Fire(CaseTrigger.CompleteTraceBack);

    // ---- responsibility (Article 9) ----

    public IReadOnlyList<PersonResponsibility> DetermineResponsibility(OrganisationTree organisation, DecisionRecord decision)
    {
        Require(CanDetermineResponsibility, "认定责任", "determine responsibility");
        var team = organisation.Unit(UnitId).Leadership
            ?? throw new DomainException("该单位没有登记领导班子。", "The unit has no leadership team on record.");
        var derived = Article9.Derive(Chain!, team, decision);
        DecisionAtFault = decision;
        responsibilities.Clear();
        responsibilities.AddRange(derived);
        return responsibilities;
    }

    public void OverrideResponsibility(PersonId person, ResponsibilityKind kind, string reason, string by, DateTimeOffset at)
    {
        Require(CanDetermineResponsibility, "调整责任", "override responsibility");
        var entry = responsibilities.FirstOrDefault(r => r.Person == person)
            ?? throw new DomainException("本案中该人员没有推定的责任。", "That person has no derived responsibility in this case.");
        entry.OverrideWith(kind, reason, by, at);
    }

    public void ConfirmResponsibility() => Fire(CaseTrigger.ConfirmResponsibility);

    public IEnumerable<PersonId> PeopleHeldResponsible =>
        responsibilities.Where(r => r.Effective != ResponsibilityKind.None).Select(r => r.Person);

    private IEnumerable<PersonId> PeopleToHear => PeopleHeldResponsible;

    // ---- hearing ----

    public void RecordStatement(Statement statement)
    {
        Require(CanRecordStatement, "记录陈述和申辩", "record a statement");
        if (!PeopleHeldResponsible.Contains(statement.Person))
            throw new DomainException("只听取被认定负有责任人员的陈述和申辩。", "Statements are heard from the people held responsible.");
        if (!statement.Declined && string.IsNullOrWhiteSpace(statement.Text))
            throw new DomainException("请记录陈述和申辩，或记录该人员拒绝陈述。", "Record the statement, or that the person declined to make one.");
        statements.RemoveAll(s => s.Person == statement.Person);
        statements.Add(statement);
    }

    public void CompleteHearing() => Fire(CaseTrigger.CompleteHearing);

    // ---- the accountability suggestion ----

    public void DraftSuggestion(IEnumerable<Measure> proposals, string by, DateTimeOffset at)
    {
        Require(CanDraftSuggestion, "起草问责建议", "draft a suggestion");
        var list = proposals.ToList();
        if (list.Select(m => m.Subject).Distinct().Count() != list.Count)
            throw new DomainException("每个人员或领导班子只提出一次问责方式，合并为一项问责措施。", "Propose the forms for each person or team once, combined in one measure.");
        var responsible = PeopleHeldResponsible.ToHashSet();
        foreach (var m in list)
        {
            if (m.Subject.Kind == TargetKind.Cadre && !responsible.Contains(new PersonId(m.Subject.Id)))
                throw new DomainException("只能对被认定负有责任的人员提出问责措施。", "A measure can be proposed only for a person held responsible.");
            if (m.Subject.Kind == TargetKind.Organisation && m.Subject.Id != UnitId.Value)
                throw new DomainException("对党组织的问责措施只能针对本案所涉单位提出。", "A measure against a Party organisation is proposed for the unit of the case.");
        }
        if (list.Count == 0 && responsible.Count > 0)
            throw new DomainException("已有人员被认定负有责任：请至少提出一项问责措施。", "People are held responsible: propose at least one measure.");
        Suggestion = new(list, Guard.Text(by, "问责建议起草人", "Who drafts the suggestion"), at, null);
    }

    public void SubmitSuggestion(DateTimeOffset at)
    {
        Fire(CaseTrigger.SubmitSuggestion);
        Suggestion = Suggestion! with { SubmittedAt = at };
    }

    // ---- discipline inspection review ----

    public void Endorse(string reviewer, string? reason, DateTimeOffset at)
    {
        var who = Guard.Text(reviewer, "审核人", "The reviewer");
        Fire(CaseTrigger.Endorse);
        reviews.Add(new(ReviewOutcome.Endorsed, who, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), [], at));
    }

    /// <summary>Returns the case for supplementary investigation of the named levels only.</summary>
    public void ReturnForSupplementaryInvestigation(string reviewer, IEnumerable<TraceBackLevel> levels, string reason, DateTimeOffset at)
    {
        var text = Guard.Text(reason, "退回补充调查的理由", "A reason for returning the case");
        var who = Guard.Text(reviewer, "审核人", "The reviewer");
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
        var text = Guard.Text(reason, "不予问责的理由", "A reason for declining");
        var who = Guard.Text(reviewer, "审核人", "The reviewer");
        Fire(CaseTrigger.Decline);
        reviews.Add(new(ReviewOutcome.Declined, who, text, [], at));
    }

    /// <summary>The endorsement that awaits approval, if any.</summary>
    public Review? PendingEndorsement => Status == CaseStatus.AwaitingApproval ? reviews.LastOrDefault(r => r.Outcome == ReviewOutcome.Endorsed) : null;

    /// <summary>An endorsement stands only with the approval of a second reviewer, who is not the first.</summary>
    /// <param name="opinion">The approver's opinion (意见), if they give one: approving needs none, but it is kept when given.</param>
    public void Approve(string approver, DateTimeOffset at, string? opinion = null)
    {
        var who = Guard.Text(approver, "批准人", "The approver");
        if (PendingEndorsement is { } endorsement && string.Equals(endorsement.Reviewer, who, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("审核同意须由另一名审核人批准，不能由作出同意的审核人本人批准。", "The endorsement must be approved by a second reviewer, not by the one who endorsed it.");
        Fire(CaseTrigger.Approve);
        reviews.Add(new(ReviewOutcome.Approved, who, string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim(), [], at));
    }

    public void RefuseApproval(string approver, string reason, DateTimeOffset at)
    {
        var who = Guard.Text(approver, "批准人", "The approver");
        var text = Guard.Text(reason, "不予批准的理由", "A reason for refusing approval");
        if (PendingEndorsement is { } endorsement && string.Equals(endorsement.Reviewer, who, StringComparison.OrdinalIgnoreCase))
            throw new DomainException("审核同意须由另一名审核人审批，不能由作出同意的审核人本人审批。", "The endorsement must be judged by a second reviewer, not by the one who endorsed it.");
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
            throw new DomainException("每个人员或领导班子只决定一次问责方式，合并为一项问责措施。", "Decide the forms for each person or team once, combined in one measure.");
        foreach (var m in list)
            DecisionAuthority.EnsureMayDecide(organisation, decidingOrganisation, m.Subject);
        // Deciding on no measure at all is still a decision: it too belongs to an organisation with authority here.
        var subjects = PeopleHeldResponsible.Select(AccountabilitySubject.Cadre).Append(AccountabilitySubject.Organisation(UnitId));
        if (list.Count == 0 && !subjects.Any(s => DecisionAuthority.MayDecide(organisation, decidingOrganisation, s)))
            throw new DomainException($"{organisation.Unit(decidingOrganisation).Name}对本案的人员和党组织均没有管理权限（第九条第二款）。", $"{organisation.Unit(decidingOrganisation).Name} has no management authority over the people or the Party organisation of this case (Article 9, paragraph 2).");
        if (decidedOn > DateOnly.FromDateTime(at.UtcDateTime.AddDays(1)))
            throw new DomainException("决定日期不能晚于今天。", "A decision date cannot lie in the future.");
        var text = Guard.Text(announcement, "问责决定的宣布情况", "The announcement of the decision");
        var who = Guard.Text(recordedBy, "问责决定的记录人", "Who records the decision");
        Fire(CaseTrigger.Decide);
        Decision = new(decidingOrganisation, list, decidedOn, text, who, at);
    }

    public void Acknowledge(string by, string? note, DateTimeOffset at)
    {
        var who = Guard.Text(by, "接收人", "Who acknowledges");
        Fire(CaseTrigger.Acknowledge);
        Acknowledgement = new(who, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), at);
    }
}
