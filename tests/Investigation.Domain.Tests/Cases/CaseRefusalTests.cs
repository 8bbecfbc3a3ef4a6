using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>A refused action throws a <see cref="DomainException"/> and leaves the case exactly as it was (compared as JSON).</summary>
public class CaseRefusalTests
{
    private static readonly DateOnly DecidedOn = new(2024, 4, 10);

    private sealed record Refusal(Func<CaseScenario> Setup, Action<CaseScenario> Act);

    private static CaseScenario At(CaseStatus status) => CaseScenario.At(status);

    private static readonly Dictionary<string, Refusal> Refusals = new()
    {
        // Registered
        ["accept when nothing under Article 8 applies"] = new(() => new CaseScenario(facts: [new DataLeakFacts(false, false, false)]), s => s.Accept()),
        ["reject without reason"] = new(() => new CaseScenario(), s => s.Case.Reject(" ")),
        ["complete trace-back while registered"] = new(() => new CaseScenario(), s => s.CompleteTraceBack()),
        ["record findings while registered"] = new(() => new CaseScenario(), s => s.RecordLevel1()),
        // Investigating
        ["accept twice"] = new(() => At(CaseStatus.Investigating), s => s.Accept()),
        ["level 2 before level 1"] = new(() => At(CaseStatus.Investigating), s => s.RecordLevel2()),
        ["level 4 before the assessment"] = new(() => At(CaseStatus.Investigating),
            s => s.Case.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(s.Org.PrefectureOfficeHead)])),
        ["complete trace-back with levels outstanding"] = new(() => At(CaseStatus.Investigating).RecordLevel1(), s => s.CompleteTraceBack()),
        ["assess supervision when the regulator has no head"] = new(() =>
        {
            var s = At(CaseStatus.Investigating);
            s.Org.AddUnit(s.Org.Prefecture, "市能源局", UnitKind.IndustryRegulator, AdministrativeLevel.Prefecture, DemoOrganisation.Energy);
            return s;
        }, s => s.Case.AssessCoordination(s.Org.Tree, new CoordinationAssessment(false, true, "监管不力"))),
        ["determine responsibility during investigation"] = new(() => At(CaseStatus.Investigating), s => s.Determine()),
        // DeterminingResponsibility
        ["confirm before determining"] = new(() => At(CaseStatus.DeterminingResponsibility), s => s.Confirm()),
        ["determine with a participant outside the team"] = new(() => At(CaseStatus.DeterminingResponsibility),
            s => s.Determine(new DecisionRecord(true, [s.Org.MainLead, s.Org.Operator], [], "会议"))),
        ["override without reason"] = new(() => At(CaseStatus.DeterminingResponsibility).Determine(),
            s => s.Case.OverrideResponsibility(s.Org.Operator, ResponsibilityKind.None, "\t", LeadInvestigator, T0)),
        // Hearing
        ["complete hearing with nobody heard"] = new(() => At(CaseStatus.Hearing), s => s.CompleteHearing()),
        ["statement from a person not held responsible"] = new(() => At(CaseStatus.Hearing),
            s => s.Case.RecordStatement(new Statement(s.Org.Deputy2, "陈述", null, false, LeadInvestigator, T0))),
        // DraftingSuggestion
        ["suggestion for a person not held responsible"] = new(() => At(CaseStatus.DraftingSuggestion),
            s => s.Case.DraftSuggestion([new Measure(AccountabilitySubject.Cadre(s.Org.Deputy2), [AccountabilityForm.Admonishment], "x")], "起草人", T0)),
        ["submit before drafting"] = new(() => At(CaseStatus.DraftingSuggestion), s => s.Submit()),
        // UnderReview
        ["approve before endorsement"] = new(() => At(CaseStatus.UnderReview), s => s.Approve()),
        ["return without reason"] = new(() => At(CaseStatus.UnderReview),
            s => s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "", T0)),
        ["return with blank reviewer"] = new(() => At(CaseStatus.UnderReview),
            s => s.Case.ReturnForSupplementaryInvestigation(" ", [TraceBackLevel.SecurityLead], "证据不足", T0)),
        ["endorse with blank reviewer"] = new(() => At(CaseStatus.UnderReview), s => s.Case.Endorse(" ", "同意", T0)),
        ["decline with blank reviewer"] = new(() => At(CaseStatus.UnderReview), s => s.Case.Decline("", "不符合条件", T0)),
        // AwaitingApproval
        ["approve by the endorser"] = new(() => At(CaseStatus.AwaitingApproval), s => s.Approve(FirstReviewer)),
        ["refuse approval by the endorser"] = new(() => At(CaseStatus.AwaitingApproval), s => s.Case.RefuseApproval(FirstReviewer, "不同意", T0)),
        // AwaitingDecision
        ["decide without authority"] = new(() => At(CaseStatus.AwaitingDecision),
            s => s.Case.Decide(s.Org.Tree, s.Org.Province, s.DecidableBy(s.Org.Prefecture), DecidedOn, "决定", "组织部", T0.AddDays(40))),
        ["decide with a date in the future"] = new(() => At(CaseStatus.AwaitingDecision),
            s => s.Case.Decide(s.Org.Tree, s.Org.Prefecture, s.DecidableBy(s.Org.Prefecture), DecidedOn.AddYears(1), "决定", "组织部", T0.AddDays(40))),
        ["decide without saying who records it"] = new(() => At(CaseStatus.AwaitingDecision),
            s => s.Case.Decide(s.Org.Tree, s.Org.Prefecture, s.DecidableBy(s.Org.Prefecture), DecidedOn, "决定", " ", T0.AddDays(40))),
        // Decided
        ["decide twice"] = new(() => At(CaseStatus.Decided), s => s.Decide()),
        ["acknowledge without saying who"] = new(() => At(CaseStatus.Decided), s => s.Case.Acknowledge(" ", null, T0.AddDays(45))),
        // Closed
        ["acknowledge twice"] = new(() => At(CaseStatus.Closed), s => s.Acknowledge()),
    };

    public static TheoryData<string> RefusalNames => new(Refusals.Keys);

    [Theory]
    [MemberData(nameof(RefusalNames))]
    public void RefusedAction_ThrowsDomainException_AndLeavesTheCaseUnchanged(string refusal)
    {
        var (setup, act) = Refusals[refusal];
        var s = setup();
        var before = s.Case.Json();

        Assert.Throws<DomainException>(() => act(s));

        Assert.Equal(before, s.Case.Json());
    }

    [Fact]
    public void Accept_UnitWithoutLeadershipTeam_IsRefused_AndLeavesTheCaseUnchanged()
    {
        var org = new DemoOrganisation();
        var c = Case.Register(CaseId.New(), "3号", org.WaterCompany, "标题", "描述", T0, [InfrastructureFactsMet], [], ["日志"], Officer, T0.AddDays(1));
        var before = c.Json();

        Assert.Throws<DomainException>(() => c.Accept(org.Tree, Team));

        Assert.Equal(before, c.Json());
    }
}
