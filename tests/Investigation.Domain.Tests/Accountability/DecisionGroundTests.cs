using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Accountability;

/// <summary>Grounds on the decision (Accountability Regulations, Articles 17–19) and Article 6, paragraph 2.</summary>
public class DecisionGroundTests
{
    private static readonly DateOnly DecidedOn = new(2024, 4, 10);

    private static void Decide(CaseScenario s, IEnumerable<Measure> measures, params DecisionGround[] grounds) =>
        s.Case.Decide(s.Org.Tree, s.Org.Prefecture, measures, DecidedOn, "市委常委会研究决定", "市委组织部", T0.AddDays(40), grounds);

    private static Measure Inspection(CaseScenario s) => new(AccountabilitySubject.Organisation(s.Org.PowerCompany), [AccountabilityForm.Inspection], "党委落实责任制不力");

    [Fact]
    public void Decide_OrganisationWithAllResponsibleMembers_IsAccepted_AndKeepsTheGrounds()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var measures = s.DecidableBy(s.Org.Prefecture);
        var lighter = new DecisionGround(AccountabilitySubject.Cadre(s.Org.MainLead), GroundKind.Lighter, "及时组织恢复，消除了不良影响");

        Decide(s, measures, lighter);

        Assert.Equal(CaseStatus.Decided, s.Case.Status);
        var kept = Assert.Single(s.Case.Decision!.Grounds);
        Assert.Equal(GroundKind.Lighter, kept.Kind);
        Assert.StartsWith("第十八条", kept.Citation.Provision);
    }

    [Fact]
    public void Decide_OrganisationWithoutAResponsibleMember_IsRefused_CitingArticle6()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var measures = s.DecidableBy(s.Org.Prefecture).Where(m => m.Subject != AccountabilitySubject.Cadre(s.Org.SecurityLead)).ToList();
        Assert.Contains(measures, m => m.Subject.Kind == TargetKind.Organisation);

        var ex = Assert.Throws<DomainException>(() => Decide(s, measures));

        Assert.Contains("第六条第二款", ex.Text.Zh);
        Assert.Contains("Article 6, paragraph 2", ex.Text.En);
        Assert.Equal(CaseStatus.AwaitingDecision, s.Case.Status);
    }

    [Fact]
    public void Decide_OrganisationWithAMemberExempted_OnARecordedGround_IsAccepted()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var measures = s.DecidableBy(s.Org.Prefecture).Where(m => m.Subject != AccountabilitySubject.Cadre(s.Org.SecurityLead)).ToList();
        var exemption = new DecisionGround(AccountabilitySubject.Cadre(s.Org.SecurityLead), GroundKind.Exemption, "在集体决策中明确提出保留意见");

        Decide(s, measures, exemption);

        Assert.Equal(CaseStatus.Decided, s.Case.Status);
        Assert.StartsWith("第十七条", s.Case.Decision!.Grounds.Single().Citation.Provision);
    }

    [Fact]
    public void Decide_LeavingAResponsiblePersonOut_WithoutAGround_IsRefused_EvenWithoutAnOrganisationMeasure()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var measures = s.DecidableBy(s.Org.Prefecture)
            .Where(m => m.Subject.Kind == TargetKind.Cadre && m.Subject != AccountabilitySubject.Cadre(s.Org.MainLead)).ToList();

        var ex = Assert.Throws<DomainException>(() => Decide(s, measures));

        Assert.Contains("第十七条", ex.Text.Zh);
    }

    [Fact]
    public void Decide_NoAccountabilityForEveryone_NeedsAGroundForEach()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var decidable = s.DecidableBy(s.Org.Prefecture).Where(m => m.Subject.Kind == TargetKind.Cadre).Select(m => m.Subject).ToList();
        var grounds = decidable.Select(p => new DecisionGround(p, GroundKind.NoAccountability, "因不可抗力造成损失，已履职尽责")).ToArray();

        Assert.Throws<DomainException>(() => Decide(s, [], grounds[1..]));
        Decide(s, [], grounds);

        Assert.Empty(s.Case.Decision!.Measures);
        Assert.Equal(decidable.Count, s.Case.Decision.Grounds.Count);
    }

    [Fact]
    public void Decide_ExemptionBesideAMeasureForTheSamePerson_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var contradiction = new DecisionGround(AccountabilitySubject.Cadre(s.Org.MainLead), GroundKind.NoAccountability, "无");

        var ex = Assert.Throws<DomainException>(() => Decide(s, s.DecidableBy(s.Org.Prefecture), contradiction));

        Assert.Contains("Article 17", ex.Text.En);
    }

    [Fact]
    public void Decide_HeavierHandlingForSomeoneWithoutAMeasure_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var measures = s.DecidableBy(s.Org.Prefecture).Where(m => m.Subject != AccountabilitySubject.Cadre(s.Org.MainLead)).ToList();
        var exempt = new DecisionGround(AccountabilitySubject.Cadre(s.Org.MainLead), GroundKind.Exemption, "提出反对意见");
        var heavier = new DecisionGround(AccountabilitySubject.Cadre(s.Org.MainLead), GroundKind.Heavier, "阻扰调查");

        var ex = Assert.Throws<DomainException>(() => Decide(s, measures, exempt, heavier));

        Assert.Contains("第十九条", ex.Text.Zh);
    }

    [Fact]
    public void Decide_GroundForSomeoneNotHeldResponsible_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var stranger = new DecisionGround(AccountabilitySubject.Cadre(s.Org.PrefectureOfficeHead), GroundKind.Exemption, "无关人员");

        Assert.Throws<DomainException>(() => Decide(s, s.DecidableBy(s.Org.Prefecture), stranger));
    }

    [Theory]
    [InlineData(GroundKind.NoAccountability, "第十七条")]
    [InlineData(GroundKind.Exemption, "第十七条")]
    [InlineData(GroundKind.Lighter, "第十八条")]
    [InlineData(GroundKind.Mitigated, "第十八条")]
    [InlineData(GroundKind.Heavier, "第十九条")]
    [InlineData(GroundKind.Aggravated, "第十九条")]
    public void EveryGround_NamesItsArticle(GroundKind kind, string article) =>
        Assert.StartsWith(article, new DecisionGround(AccountabilitySubject.Cadre(PersonId.New()), kind, "理由").Citation.Provision);

    [Fact]
    public void AGround_WithoutItsReason_IsRefused() =>
        Assert.Throws<DomainException>(() => new DecisionGround(AccountabilitySubject.Cadre(PersonId.New()), GroundKind.Exemption, "  "));
}
