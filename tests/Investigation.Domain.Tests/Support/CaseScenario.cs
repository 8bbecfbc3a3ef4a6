using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Tests.Support;

/// <summary>
/// A case against the power company of <see cref="DemoOrganisation"/>, with the steps of its happy path:
/// the operator is the party concerned, the security lead and the main lead are responsible,
/// coordination and supervision were effective, the decision at fault was collective (main lead,
/// security lead and deputy 1 took part; deputy 2 did not).
/// </summary>
public sealed class CaseScenario
{
    public static readonly DateTimeOffset T0 = new(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    public const string Officer = "officer";
    public const string LeadInvestigator = "investigator-a";
    public const string SecondInvestigator = "investigator-b";
    public const string FirstReviewer = "reviewer-a";
    public const string SecondReviewer = "reviewer-b";

    public DemoOrganisation Org { get; }
    public Case Case { get; }

    private CaseScenario(DemoOrganisation org, Case @case) => (Org, Case) = (org, @case);

    /// <summary>The same organisation with an independent copy of the case.</summary>
    public CaseScenario Clone() => new(Org, Case.Copy());

    public CaseScenario(IEnumerable<CircumstanceFacts>? facts = null, IEnumerable<Article3Duty>? duties = null, DemoOrganisation? org = null)
    {
        Org = org ?? new DemoOrganisation();
        Case = Case.Register(CaseId.New(), "网安问责〔2024〕1号", Org.PowerCompany, "供电调度系统遭受攻击",
            "供电调度系统遭受网络攻击，未及时处置，导致大面积停电。", T0, facts ?? [InfrastructureFactsMet], duties ?? [],
            ["监测日志", "值班记录"], Officer, T0.AddDays(1));
    }

    public static CriticalInfrastructureFacts InfrastructureFactsMet =>
        new(IsCriticalInformationInfrastructure: true, Attacked: true, HandledInTime: false,
            LargeScaleImpactOnPublic: true, MajorEconomicLoss: false, SeriousAdverseSocialImpact: false);

    public static PortalParalysisFacts ParalysisFacts(TimeSpan outage, SiteKind site = SiteKind.PartyOrGovernmentPortal,
        AdministrativeLevel level = AdministrativeLevel.Prefecture, bool disposalInTime = false) =>
        new(site, level, attacked: true, disposalOrganisedInTime: disposalInTime, T0, T0 + outage, T0.AddDays(1));

    public static InvestigationTeam Team => new(LeadInvestigator, [SecondInvestigator]);

    public static Finding Responsible(PersonId person, string facts = "未落实值班制度") =>
        new(person, true, facts, ["询问笔录"], Article3Duty.ProtectionAndIncidentHandling);

    public static Finding NotResponsible(PersonId person, string reason = "已按规定履职") =>
        new(person, false, "核查履职情况", ["履职记录"], reasonNotResponsible: reason);

    public static CoordinationAssessment Effective => new(false, false, "网信办和监管部门已按规定开展检查和通报。");

    public DecisionRecord CollectiveDecision => new(true, [Org.MainLead, Org.SecurityLead, Org.Deputy1], [],
        "党委会决定推迟网站安全加固。");

    // ---- the steps of the happy path ----

    public CaseScenario Accept() { Case.Accept(Org.Tree, Team); return this; }

    public CaseScenario RecordLevel1() { Case.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(Org.Operator)]); return this; }
    public CaseScenario RecordLevel2() { Case.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(Org.SecurityLead)]); return this; }
    public CaseScenario RecordLevel3() { Case.RecordFindings(TraceBackLevel.MainLead, [Responsible(Org.MainLead)]); return this; }
    public CaseScenario AssessEffective() { Case.AssessCoordination(Org.Tree, Effective); return this; }

    /// <summary>Records the findings of every open level and assesses coordination if that is still to do.</summary>
    public CaseScenario TraceAll()
    {
        var chain = Case.Chain!;
        if (chain.CanRecord(TraceBackLevel.PartyConcerned)) RecordLevel1();
        if (chain.CanRecord(TraceBackLevel.SecurityLead)) RecordLevel2();
        if (chain.CanRecord(TraceBackLevel.MainLead)) RecordLevel3();
        if (chain.Assessment is null) AssessEffective();
        return this;
    }

    public CaseScenario CompleteTraceBack() { Case.CompleteTraceBack(); return this; }
    public CaseScenario Determine(DecisionRecord? decision = null) { Case.DetermineResponsibility(Org.Tree, decision ?? CollectiveDecision); return this; }
    public CaseScenario Confirm() { Case.ConfirmResponsibility(); return this; }

    public CaseScenario HearAll()
    {
        foreach (var person in Case.PeopleHeldResponsible.ToList())
            Case.RecordStatement(new Statement(person, "本人对调查认定的事实无异议。", null, false, LeadInvestigator, T0.AddDays(20)));
        return this;
    }

    public CaseScenario CompleteHearing() { Case.CompleteHearing(); return this; }

    /// <summary>Proposed measures: one per person held responsible, and an inspection of the company's Party organisation.</summary>
    public IReadOnlyList<Measure> Proposals => Case.PeopleHeldResponsible
        .Select(p => new Measure(AccountabilitySubject.Cadre(p), [p == Org.SecurityLead ? AccountabilityForm.OrganisationalAdjustment : AccountabilityForm.Admonishment], "调查认定负有责任"))
        .Append(new Measure(AccountabilitySubject.Organisation(Org.PowerCompany), [AccountabilityForm.Inspection], "党委落实责任制不力"))
        .ToList();

    public CaseScenario Report()
    {
        Case.RecordInvestigationReport("调查认定：值班员未按制度报告，分管领导未组织巡检。", "建议对负有责任的人员问责。",
            [LeadInvestigator, SecondInvestigator], "调查组一致同意调查报告。", DateOnly.FromDateTime(T0.AddDays(24).DateTime), LeadInvestigator, T0.AddDays(24));
        return this;
    }

    public CaseScenario Draft() { if (Case.Report is null) Report(); Case.DraftSuggestion(Proposals, "网信办起草人", T0.AddDays(25)); return this; }
    public CaseScenario Submit() { Case.SubmitSuggestion(T0.AddDays(26)); return this; }
    public CaseScenario Endorse(string reviewer = FirstReviewer) { Case.Endorse(reviewer, "事实清楚", T0.AddDays(30)); return this; }
    public CaseScenario Approve(string reviewer = SecondReviewer) { Case.Approve(reviewer, T0.AddDays(31)); return this; }

    /// <summary>The measures the prefecture committee may decide: those of the suggestion over which it has management authority.</summary>
    public IReadOnlyList<Measure> DecidableBy(UnitId organisation) =>
        Case.Suggestion!.Proposals.Where(m => DecisionAuthority.MayDecide(Org.Tree, organisation, m.Subject)).ToList();

    public CaseScenario Decide()
    {
        Case.Decide(Org.Tree, Org.Prefecture, DecidableBy(Org.Prefecture), DateOnly.FromDateTime(T0.AddDays(40).DateTime),
            "市委常委会研究决定", "市委组织部", T0.AddDays(40));
        return this;
    }

    public CaseScenario Acknowledge() { Case.Acknowledge("干部主管部门", "已归档", T0.AddDays(45)); return this; }

    /// <summary>Follows the happy path from the current status until the case reaches the given one.</summary>
    public CaseScenario AdvanceTo(CaseStatus status)
    {
        var steps = new (CaseStatus Reached, Action Step)[]
        {
            (CaseStatus.Investigating, () => Accept()),
            (CaseStatus.DeterminingResponsibility, () => TraceAll().CompleteTraceBack()),
            (CaseStatus.Hearing, () => Determine().Confirm()),
            (CaseStatus.DraftingSuggestion, () => HearAll().CompleteHearing()),
            (CaseStatus.UnderReview, () => Draft().Submit()),
            (CaseStatus.AwaitingApproval, () => Endorse()),
            (CaseStatus.AwaitingDecision, () => Approve()),
            (CaseStatus.Decided, () => Decide()),
            (CaseStatus.Closed, () => Acknowledge()),
        };
        if (status == Case.Status) return this;
        var target = Array.FindIndex(steps, x => x.Reached == status);
        var current = Array.FindIndex(steps, x => x.Reached == Case.Status);
        if (target < 0 || (current < 0 && Case.Status != CaseStatus.Registered) || target < current)
            throw new ArgumentException($"{status} cannot be reached from {Case.Status} on the happy path.", nameof(status));
        foreach (var (_, step) in steps[(current + 1)..(target + 1)])
            step();
        return this;
    }

    public static CaseScenario At(CaseStatus status) => new CaseScenario().AdvanceTo(status);

    /// <summary>Fires a trigger through its action, with the arguments the happy path would use.</summary>
    public void Fire(CaseTrigger trigger)
    {
        switch (trigger)
        {
            case CaseTrigger.Accept: Accept(); break;
            case CaseTrigger.Reject: Case.Reject("不属于本办法管辖"); break;
            case CaseTrigger.CompleteTraceBack: CompleteTraceBack(); break;
            case CaseTrigger.ConfirmResponsibility: Confirm(); break;
            case CaseTrigger.CompleteHearing: CompleteHearing(); break;
            case CaseTrigger.SubmitSuggestion: Submit(); break;
            case CaseTrigger.Endorse: Endorse(); break;
            case CaseTrigger.ReturnForSupplementaryInvestigation:
                Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "分管领导履职证据不足", T0.AddDays(30));
                break;
            case CaseTrigger.Decline: Case.Decline(FirstReviewer, "不符合问责条件", T0.AddDays(30)); break;
            case CaseTrigger.Approve: Approve(); break;
            case CaseTrigger.RefuseApproval: Case.RefuseApproval(SecondReviewer, "问责方式偏轻", T0.AddDays(31)); break;
            case CaseTrigger.Decide:
                Case.Decide(Org.Tree, Org.Prefecture, Case.Suggestion is null ? [] : DecidableBy(Org.Prefecture),
                    DateOnly.FromDateTime(T0.AddDays(40).DateTime), "市委常委会研究决定", "市委组织部", T0.AddDays(40));
                break;
            case CaseTrigger.Acknowledge: Acknowledge(); break;
            default: throw new ArgumentOutOfRangeException(nameof(trigger));
        }
    }

    /// <summary>The work a status asks for before the case can move on: findings, responsibility, statements, the draft.</summary>
    public void DoTheWorkOfTheStatus()
    {
        switch (Case.Status)
        {
            case CaseStatus.Investigating: TraceAll(); break;
            case CaseStatus.DeterminingResponsibility: Determine(); break;
            case CaseStatus.Hearing: HearAll(); break;
            case CaseStatus.DraftingSuggestion: Draft(); break;
        }
    }
}
