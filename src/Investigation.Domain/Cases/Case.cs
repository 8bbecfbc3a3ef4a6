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
    private readonly List<InvestigationRound> rounds = [];
    private readonly List<Appeal> appeals = [];
    private readonly List<AccountabilityDecision> earlierDecisions = [];

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
    /// <summary>The day of the incident in China Standard Time: the day whose leadership team is traced.</summary>
    public DateOnly IncidentDate => ChinaDate.Of(OccurredAt);
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
    /// <summary>The current round's investigation report and its collective discussion.</summary>
    public InvestigationReport? Report { get; private set; }
    public IReadOnlyList<Review> Reviews => reviews;
    /// <summary>Rounds closed by a return for supplementary investigation, oldest first: what each determined, heard, suggested and why it came back.</summary>
    public IReadOnlyList<InvestigationRound> PreviousRounds => rounds;
    /// <summary>The round now under way: 1, then one more after each return.</summary>
    public int CurrentRound => rounds.Count + 1;
    public AccountabilityDecision? Decision { get; private set; }
    public Acknowledgement? Acknowledgement { get; private set; }
    public DecisionDelivery? Delivery { get; private set; }
    public AdjustmentCompletion? AdjustmentCompletion { get; private set; }
    public IReadOnlyList<Appeal> Appeals => appeals;
    /// <summary>Decisions as they stood before an appeal changed them, oldest first.</summary>
    public IReadOnlyList<AccountabilityDecision> EarlierDecisions => earlierDecisions;

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
                    ChainLevel.Restore(l.Level, l.Subjects, l.Status, l.Round, l.Findings, l.Superseded)), chain.Assessment, chain.Applied)
                : null,
            DecisionAtFault = s.DecisionAtFault,
            Suggestion = s.Suggestion,
            Report = s.Report,
            Delivery = s.Execution?.Delivery,
            AdjustmentCompletion = s.Execution?.Adjustment,
            Decision = s.Decision,
            Acknowledgement = s.Acknowledgement,
        };
        c.responsibilities.AddRange(s.Responsibilities.Select(r =>
            new PersonResponsibility(r.Person, r.Level, r.Derived, r.Reason, r.Citation, r.Dissented, r.Override)));
        c.statements.AddRange(s.Statements);
        c.reviews.AddRange(s.Reviews);
        c.rounds.AddRange(s.Rounds ?? []);
        c.appeals.AddRange(s.Execution?.Appeals ?? []);
        c.earlierDecisions.AddRange(s.Execution?.EarlierDecisions ?? []);
        return c;
    }

    public CaseSnapshot ToSnapshot() => new(
        Id.Value, Number, UnitId.Value, Title, Description, OccurredAt, facts.ToList(), dutiesFailed.ToList(), evidence.ToList(),
        RegisteredBy, RegisteredAt, Status, Team, RejectionReason,
        Chain is null ? null : new ChainSnapshot(Chain.Unit.Value, Chain.Assessment, Chain.Levels.Select(l =>
            new LevelSnapshot(l.Level, l.Subjects.ToList(), l.Status, l.Round, l.Findings.ToList(), l.Superseded.ToList())).ToList(), Chain.Applied),
        DecisionAtFault,
        responsibilities.Select(r => new ResponsibilitySnapshot(r.Person, r.Level, r.Derived, r.DerivationReason, r.Citation, r.Dissented, r.Override)).ToList(),
        statements.ToList(), Suggestion, reviews.ToList(), Decision, Acknowledgement, rounds.ToList(), Report,
        Delivery is null && appeals.Count == 0 ? null : new ExecutionSnapshot(Delivery, AdjustmentCompletion, appeals.ToList(), earlierDecisions.ToList()));

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
    /// <summary>Whether this person may approve, or refuse to approve, the pending endorsement now: what <see cref="Approve"/> and <see cref="RefuseApproval"/> check.</summary>
    public bool CanApprove(string approver) => Can(CaseTrigger.Approve) && NotTheEndorser(approver) is null;
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
        CaseTrigger.SubmitSuggestion when Report is null => new(
            "调查组须先集体讨论，形成调查报告，才能提出问责建议（《中国共产党问责条例》第十一条）。",
            "The investigation team must first discuss the case collectively and adopt its investigation report before the suggestion is submitted (Accountability Regulations, Article 11)."),
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

    /// <summary>Proposed or decided, a person's or team's forms of accountability are combined in one measure.</summary>
    private static void EnsureOneMeasureEach(List<Measure> measures, string zhVerb, string enVerb)
    {
        if (measures.Select(m => m.Subject).Distinct().Count() != measures.Count)
            throw new DomainException($"每个人员或领导班子只{zhVerb}一次问责方式，合并为一项问责措施。", $"{enVerb} the forms for each person or team once, combined in one measure.");
    }

    private void Require(bool allowed, string zh, string en)
    {
        if (!allowed) throw new DomainException($"{Status.Name().Zh}的案件不能{zh}。", $"A case that is {Status} does not allow to {en}.");
    }

    // ---- acceptance ----

    public void Accept(OrganisationTree organisation, InvestigationTeam team)
    {
        if (WhyNot(CaseTrigger.Accept) is { } why) throw new DomainException(why);
        Chain = TraceBackChain.Start(organisation, UnitId, IncidentDate);
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
        // The team fixed when the trace-back started: a later change to the organisation does not rewrite the case.
        var team = Chain!.Applied?.Team() ?? organisation.Unit(UnitId).Leadership
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

    // ---- the investigation report ----

    public bool CanRecordReport => Status == CaseStatus.DraftingSuggestion;

    /// <summary>
    /// The team's report, adopted in a collective discussion of the team (Article 11 of the Accountability Regulations).
    /// Reading applied: the discussion is the investigation team's, so only its members take part, the lead among them,
    /// and at least as many as a team must have. Recorded again, it replaces the earlier one until the suggestion goes.
    /// </summary>
    public void RecordInvestigationReport(string facts, string conclusion, IEnumerable<string> participants, string discussionConclusion,
        DateOnly discussedOn, string recordedBy, DateTimeOffset at)
    {
        Require(CanRecordReport, "记录调查报告", "record the investigation report");
        var team = Team!;
        var who = Guard.Text(recordedBy, "调查报告的记录人", "Who records the report");
        if (!team.Includes(who))
            throw new DomainException("调查报告由本案调查组成员记录。", "The report is recorded by a member of the case's investigation team.");
        var people = participants.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct().ToList();
        if (people.FirstOrDefault(p => !team.Includes(p)) is { } outsider)
            throw new DomainException($"“{outsider}”不是本案调查组成员：集体讨论由调查组进行（《问责条例》第十一条）。",
                $"'{outsider}' is not on the case's investigation team: the collective discussion is the team's (Accountability Regulations, Article 11).");
        if (people.Count < InvestigationTeam.MinimumMembers)
            throw new DomainException($"集体讨论至少须有{InvestigationTeam.MinimumMembers}名调查组成员参加（《问责条例》第十一条；调查组不能少于{InvestigationTeam.MinimumMembers}人，《释义》第十条）。",
                $"At least {InvestigationTeam.MinimumMembers} members of the team take part in a collective discussion (Accountability Regulations, Article 11; a team has at least {InvestigationTeam.MinimumMembers} members, Interpretation of Article 10).");
        if (!people.Contains(team.Lead))
            throw new DomainException("调查组组长须参加集体讨论并在调查报告上签名（《问责条例》第十一条）。", "The lead investigator takes part in the discussion and signs the report (Accountability Regulations, Article 11).");
        if (discussedOn > DateOnly.FromDateTime(at.UtcDateTime.AddDays(1)))
            throw new DomainException("集体讨论的日期不能晚于今天。", "The discussion cannot be dated in the future.");
        Report = new(Limit(Guard.Text(facts, "调查认定的事实", "The facts found"), "调查认定的事实", "The facts found"),
            Limit(Guard.Text(conclusion, "调查结论和处理意见", "The conclusion"), "调查结论和处理意见", "The conclusion"),
            people,
            Limit(Guard.Text(discussionConclusion, "集体讨论的结论", "The conclusion of the discussion"), "集体讨论的结论", "The conclusion of the discussion"),
            discussedOn, who, at);
    }

    private static string Limit(string text, string zh, string en) => text.Length <= InvestigationReport.MaxTextLength ? text
        : throw new DomainException($"{zh}不能超过{InvestigationReport.MaxTextLength}字。", $"{en} is at most {InvestigationReport.MaxTextLength} characters.");

    // ---- the accountability suggestion ----

    public void DraftSuggestion(IEnumerable<Measure> proposals, string by, DateTimeOffset at)
    {
        Require(CanDraftSuggestion, "起草问责建议", "draft a suggestion");
        var list = proposals.ToList();
        EnsureOneMeasureEach(list, "提出", "Propose");
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
        // The findings may change, so responsibility is determined and the people are heard anew; what the
        // closing round held is kept whole, as the record the reviewers returned.
        var since = rounds.Count == 0 ? DateTimeOffset.MinValue : rounds[^1].ClosedAt;
        rounds.Add(new InvestigationRound(CurrentRound, DecisionAtFault,
            responsibilities.Select(r => new ResponsibilitySnapshot(r.Person, r.Level, r.Derived, r.DerivationReason, r.Citation, r.Dissented, r.Override)).ToList(),
            statements.ToList(), Suggestion, reviews.Where(r => r.At > since || rounds.Count == 0).ToList(), list, at, Report));
        statements.Clear();
        Report = null;
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

    /// <summary>
    /// The one place of the second-reviewer rule: an endorsement is judged (approved or refused) by a second
    /// reviewer, never by the one who endorsed it. Null when this person may judge it; user names compare
    /// without case and surrounding spaces, as sign-in does.
    /// </summary>
    public BilingualText? NotTheEndorser(string approver) =>
        PendingEndorsement is { } endorsement && string.Equals(endorsement.Reviewer, approver.Trim(), StringComparison.OrdinalIgnoreCase)
            ? new("审核同意须由另一名审核人审批，不能由作出同意的审核人本人审批。", "The endorsement must be judged by a second reviewer, not by the one who endorsed it.")
            : null;

    /// <summary>An endorsement stands only with the approval of a second reviewer, who is not the first.</summary>
    /// <param name="opinion">The approver's opinion (意见), if they give one: approving needs none, but it is kept when given.</param>
    public void Approve(string approver, DateTimeOffset at, string? opinion = null)
    {
        var who = Guard.Text(approver, "批准人", "The approver");
        if (NotTheEndorser(who) is { } why) throw new DomainException(why);
        Fire(CaseTrigger.Approve);
        reviews.Add(new(ReviewOutcome.Approved, who, string.IsNullOrWhiteSpace(opinion) ? null : opinion.Trim(), [], at));
    }

    public void RefuseApproval(string approver, string reason, DateTimeOffset at)
    {
        var who = Guard.Text(approver, "批准人", "The approver");
        var text = Guard.Text(reason, "不予批准的理由", "A reason for refusing approval");
        if (NotTheEndorser(who) is { } why) throw new DomainException(why);
        Fire(CaseTrigger.RefuseApproval);
        reviews.Add(new(ReviewOutcome.ApprovalRefused, who, text, [], at));
    }

    // ---- decision and forwarding ----

    /// <summary>The managing Party organisation decides the forms per person; it alone has that authority.</summary>
    public void Decide(OrganisationTree organisation, UnitId decidingOrganisation, IEnumerable<Measure> measures,
        DateOnly decidedOn, string announcement, string recordedBy, DateTimeOffset at, IEnumerable<DecisionGround>? grounds = null)
    {
        var list = measures.ToList();
        var groundList = (grounds ?? []).ToList();
        if (WhyNot(CaseTrigger.Decide) is { } why) throw new DomainException(why);
        EnsureOneMeasureEach(list, "决定", "Decide");
        foreach (var m in list)
            DecisionAuthority.EnsureMayDecide(organisation, decidingOrganisation, m.Subject);
        // Deciding on no measure at all is still a decision: it too belongs to an organisation with authority here.
        var subjects = PeopleHeldResponsible.Select(AccountabilitySubject.Cadre).Append(AccountabilitySubject.Organisation(UnitId));
        if (list.Count == 0 && !subjects.Any(s => DecisionAuthority.MayDecide(organisation, decidingOrganisation, s)))
            throw new DomainException($"{organisation.Unit(decidingOrganisation).Name}对本案的人员和党组织均没有管理权限（《实施办法》第九条第二款）。", $"{organisation.Unit(decidingOrganisation).Name} has no management authority over the people or the Party organisation of this case (Measures, Article 9, paragraph 2).");
        EnsureGrounds(organisation, decidingOrganisation, list, groundList);
        if (decidedOn > DateOnly.FromDateTime(at.UtcDateTime.AddDays(1)))
            throw new DomainException("决定日期不能晚于今天。", "A decision date cannot lie in the future.");
        var text = Guard.Text(announcement, "问责决定的宣布情况", "The announcement of the decision");
        var who = Guard.Text(recordedBy, "问责决定的记录人", "Who records the decision");
        Fire(CaseTrigger.Decide);
        Decision = new(decidingOrganisation, list, decidedOn, text, who, at) { Grounds = groundList };
    }

    /// <summary>
    /// The grounds must fit the measures: no accountability or exemption (Accountability Regulations, Article 17) only where no measure is
    /// decided, lighter or heavier handling (Articles 18, 19) only where one is; the members of a Party
    /// organisation held accountable answer with it (Accountability Regulations, Article 6, paragraph 2); and a person held responsible whom
    /// the deciding organisation leaves without a measure is a decision of no accountability, which needs its
    /// Article 17 ground (the reading applied: 失责必问, Article 3 (2), leaves no silent omission).
    /// </summary>
    private void EnsureGrounds(OrganisationTree organisation, UnitId deciding, IReadOnlyList<Measure> measures, IReadOnlyList<DecisionGround> grounds)
    {
        var responsible = PeopleHeldResponsible.ToHashSet();
        var withMeasure = measures.Select(m => m.Subject).ToHashSet();
        string NameOf(AccountabilitySubject s) => s.Kind == TargetKind.Cadre
            ? organisation.Contains(new PersonId(s.Id)) ? organisation.Person(new PersonId(s.Id)).Name : s.Id.ToString()
            : $"{organisation.Unit(new UnitId(s.Id)).Name}党组织";
        foreach (var g in grounds)
        {
            if (g.Subject.Kind == TargetKind.Cadre ? !responsible.Contains(new PersonId(g.Subject.Id)) : g.Subject.Id != UnitId.Value)
                throw new DomainException("问责情节只能针对被认定负有责任的人员或本案所涉单位的党组织记录。",
                    "A ground is recorded only for a person held responsible or for the Party organisation of the case's unit.");
            if (g.LeavesWithoutMeasure && withMeasure.Contains(g.Subject))
                throw new DomainException($"对{NameOf(g.Subject)}已决定问责措施，不能同时{g.Kind.Name().Zh}（《问责条例》第十七条）。",
                    $"{NameOf(g.Subject)} has a measure decided, so there cannot also be {g.Kind.Name().En} (Accountability Regulations, Article 17).");
            if (!g.LeavesWithoutMeasure && !withMeasure.Contains(g.Subject))
                throw new DomainException($"{g.Kind.Name().Zh}须针对所决定的问责措施：对{NameOf(g.Subject)}没有决定问责措施（{g.Citation.Provision}）。",
                    $"{g.Kind.Name().En} qualifies a measure decided, and {NameOf(g.Subject)} has none ({g.Citation.Provision}).");
        }
        if (grounds.GroupBy(g => (g.Subject, g.Kind)).Any(x => x.Count() > 1))
            throw new DomainException("同一问责对象的同一情节只记录一次。", "Record each kind of ground once per subject.");
        var exempted = grounds.Where(g => g.LeavesWithoutMeasure).Select(g => g.Subject).ToHashSet();

        if (withMeasure.Contains(AccountabilitySubject.Organisation(UnitId)) && organisation.Unit(UnitId).Leadership is { } team)
        {
            var left = team.Members.Where(responsible.Contains).Select(AccountabilitySubject.Cadre)
                .Where(s => !withMeasure.Contains(s) && !exempted.Contains(s)).ToList();
            if (left.Count > 0)
                throw new DomainException(
                    $"对党组织问责的，应当同时对该党组织中负有责任的领导班子成员进行问责（《问责条例》第六条第二款）：请对{string.Join("、", left.Select(NameOf))}决定问责措施，或记录不予问责、免予问责的情节（《问责条例》第十七条）。",
                    $"Where a Party organisation is held accountable, its leadership members who bear responsibility are held accountable with it (Accountability Regulations, Article 6, paragraph 2): decide a measure for {string.Join(", ", left.Select(NameOf))}, or record a ground of no accountability or exemption (Accountability Regulations, Article 17).");
        }
        var silent = responsible.Select(AccountabilitySubject.Cadre)
            .Where(s => !withMeasure.Contains(s) && !exempted.Contains(s) && DecisionAuthority.MayDecide(organisation, deciding, s)).ToList();
        if (silent.Count > 0)
            throw new DomainException(
                $"{string.Join("、", silent.Select(NameOf))}被认定负有责任，且由本组织决定：请决定问责措施，或记录不予问责、免予问责的情节（《问责条例》第十七条）。",
                $"{string.Join(", ", silent.Select(NameOf))} held responsible and within this organisation's authority: decide a measure, or record a ground of no accountability or exemption (Accountability Regulations, Article 17).");
    }

    // ---- after the decision: delivery, organisational adjustment, appeal ----

    /// <summary>Organisational adjustment or handling (组织调整或者组织处理) is among the forms decided.</summary>
    public bool InvolvesOrganisationalAdjustment =>
        Decision?.Measures.Any(m => m.Forms.Contains(AccountabilityForm.OrganisationalAdjustment)) == true;

    /// <summary>
    /// The 问责决定书 reached the subjects and their organisations. Recorded once: the time limits of Articles 14 and 20
    /// run from it (reading applied for Article 14, whose month the text does not date: from delivery, when the decision
    /// is in the hands of those who carry it out).
    /// </summary>
    public void RecordDelivery(DateOnly deliveredOn, string recipients, string recordedBy, DateTimeOffset at)
    {
        if (Decision is null)
            throw new DomainException("尚未作出问责决定，无从送达问责决定书。", "No decision has been made, so there is no decision document to deliver.");
        if (Delivery is not null)
            throw new DomainException($"问责决定书已于{Delivery.DeliveredOn:yyyy-MM-dd}送达。", $"The decision document was delivered on {Delivery.DeliveredOn:yyyy-MM-dd} already.");
        if (deliveredOn < Decision.DecidedOn)
            throw new DomainException("送达日期不能早于决定日期。", "The document cannot be delivered before the decision was made.");
        if (deliveredOn > TimeLimits.ChinaDate(at))
            throw new DomainException("送达日期不能晚于今天。", "The delivery cannot be dated in the future.");
        Delivery = new(deliveredOn, Guard.Text(recipients, "送达对象", "The recipients"), Guard.Text(recordedBy, "送达的记录人", "Who records the delivery"), at);
    }

    /// <summary>The last day of the month the organisation department has for the formalities (Article 14), once delivered.</summary>
    public DateOnly? AdjustmentLastDay => Delivery is { } d && InvolvesOrganisationalAdjustment ? TimeLimits.LastDayOfOneMonth(d.DeliveredOn) : null;

    public void CompleteOrganisationalAdjustment(DateOnly completedOn, string note, string recordedBy, DateTimeOffset at)
    {
        if (AdjustmentLastDay is null)
            throw new DomainException("本案的问责决定不涉及组织调整或者组织处理，或尚未送达。", "The decision involves no organisational adjustment or handling, or has not been delivered.");
        if (AdjustmentCompletion is not null)
            throw new DomainException("组织调整或者组织处理的手续已经办结。", "The formalities were reported complete already.");
        if (completedOn < Delivery!.DeliveredOn || completedOn > TimeLimits.ChinaDate(at))
            throw new DomainException("办结日期须在送达之后、不晚于今天。", "The completion date lies between the delivery and today.");
        AdjustmentCompletion = new(completedOn, Guard.Text(note, "办理情况", "What was done"), Guard.Text(recordedBy, "记录人", "Who records it"), at);
    }

    /// <summary>The last day to appeal: one month from receiving the decision document (Accountability Regulations, Article 20).</summary>
    public DateOnly? AppealLastDay => Delivery is { } d ? TimeLimits.LastDayOfOneMonth(d.DeliveredOn) : null;

    /// <summary>
    /// A written appeal by a subject of the decision. One lodged after the last day is kept, refused, with the
    /// reason; one in time waits for the deciding organisation. Execution is not suspended either way (Accountability Regulations, Article 20).
    /// </summary>
    public Appeal LodgeAppeal(AccountabilitySubject appellant, DateOnly lodgedOn, string grounds, string recordedBy, DateTimeOffset at)
    {
        if (Delivery is null || AppealLastDay is not { } lastDay)
            throw new DomainException("问责决定书送达之后才能提出申诉（《问责条例》第二十条）。", "An appeal follows the delivery of the decision document (Accountability Regulations, Article 20).");
        if (!Decision!.Measures.Any(m => m.Subject == appellant))
            throw new DomainException("只有被问责的党组织或领导干部才能对问责决定提出申诉（《问责条例》第二十条）。", "Only a Party organisation or cadre held accountable by the decision may appeal (Accountability Regulations, Article 20).");
        if (appeals.Any(a => a.Appellant == appellant && a.Status == AppealStatus.Pending))
            throw new DomainException("该对象的申诉尚在处理中。", "This subject's appeal is still being decided.");
        if (lodgedOn < Delivery.DeliveredOn || lodgedOn > TimeLimits.ChinaDate(at))
            throw new DomainException("申诉日期须在送达之后、不晚于今天。", "The appeal is dated between the delivery and today.");
        var text = Guard.Text(grounds, "申诉理由", "The grounds of the appeal");
        var who = Guard.Text(recordedBy, "记录人", "Who records the appeal");
        var late = lodgedOn > lastDay;
        var appeal = new Appeal(appeals.Count + 1, appellant, lodgedOn, text, late ? AppealStatus.RefusedAsLate : AppealStatus.Pending, lastDay,
            late ? $"申诉逾期：问责决定书于{Delivery.DeliveredOn:yyyy-MM-dd}送达，申诉期限至{lastDay:yyyy-MM-dd}届满，{lodgedOn:yyyy-MM-dd}提出的申诉不予受理（《问责条例》第二十条）。 / "
                   + $"Late: the decision document was delivered on {Delivery.DeliveredOn:yyyy-MM-dd}, the time to appeal ended on {lastDay:yyyy-MM-dd}; the appeal of {lodgedOn:yyyy-MM-dd} is refused (Accountability Regulations, Article 20)."
                 : null,
            late ? lodgedOn : null, who, at);
        appeals.Add(appeal);
        return appeal;
    }

    /// <summary>
    /// The deciding organisation answers an appeal in time: the decision stands, or it is changed for the appellant
    /// (a new measure, or none, which then needs its Article 17 ground). The decision before the change is kept.
    /// </summary>
    public void DecideAppeal(int number, bool change, Measure? replacement, DecisionGround? ground, string answer, DateOnly decidedOn, string recordedBy, DateTimeOffset at)
    {
        var index = appeals.FindIndex(a => a.Number == number);
        if (index < 0) throw new DomainException("没有这项申诉。", "There is no such appeal.");
        var appeal = appeals[index];
        if (appeal.Status != AppealStatus.Pending)
            throw new DomainException("该申诉已经处理。", "That appeal has been answered already.");
        if (decidedOn < appeal.LodgedOn || decidedOn > TimeLimits.ChinaDate(at))
            throw new DomainException("申诉处理日期须在申诉之后、不晚于今天。", "The answer is dated between the appeal and today.");
        var text = Guard.Text(answer, "申诉处理决定", "The answer to the appeal");
        var who = Guard.Text(recordedBy, "记录人", "Who records the answer");
        if (!change)
        {
            if (replacement is not null || ground is not null)
                throw new DomainException("维持原决定的，不另作问责措施或情节。", "Upholding the decision changes no measure or ground.");
            appeals[index] = appeal with { Status = AppealStatus.Upheld, Answer = text, DecidedOn = decidedOn };
            return;
        }
        if (replacement is not null && replacement.Subject != appeal.Appellant)
            throw new DomainException("申诉只能改变对申诉人的问责措施。", "An appeal changes the measure for the appellant only.");
        if (replacement is null && ground is not { LeavesWithoutMeasure: true })
            throw new DomainException("撤销对申诉人的问责措施的，须记录不予问责或免予问责的情节（《问责条例》第十七条）。", "Withdrawing the appellant's measure needs a ground of no accountability or exemption (Accountability Regulations, Article 17).");
        if (ground is not null && ground.Subject != appeal.Appellant)
            throw new DomainException("申诉只能改变对申诉人的情节。", "An appeal changes the grounds for the appellant only.");
        var before = Decision!;
        var measures = before.Measures.Where(m => m.Subject != appeal.Appellant).ToList();
        if (replacement is not null) measures.Add(replacement);
        var grounds = before.Grounds.Where(g => g.Subject != appeal.Appellant).ToList();
        if (ground is not null) grounds.Add(ground);
        if (ground is { LeavesWithoutMeasure: false } && replacement is null)
            throw new DomainException($"{ground.Kind.Name().Zh}须针对所决定的问责措施。", $"{ground.Kind.Name().En} qualifies a measure decided.");
        earlierDecisions.Add(before);
        Decision = before with { Measures = measures, Grounds = grounds, RecordedBy = who, RecordedAt = at };
        appeals[index] = appeal with { Status = AppealStatus.Changed, Answer = text, DecidedOn = decidedOn };
    }

    public void Acknowledge(string by, string? note, DateTimeOffset at)
    {
        var who = Guard.Text(by, "接收人", "Who acknowledges");
        Fire(CaseTrigger.Acknowledge);
        Acknowledgement = new(who, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), at);
    }
}
