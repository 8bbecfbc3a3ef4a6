using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>Registering a case, accepting it with a team, or rejecting it.</summary>
public class CaseRegistrationAndAcceptanceTests
{
    [Fact]
    public void Register_WithoutFactsOrFailedDuties_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => new CaseScenario(facts: [], duties: []));

        Assert.Contains("at least one Article 8 circumstance", ex.Message);
    }

    [Fact]
    public void Register_BeforeTheIncidentOccurred_IsRefused()
    {
        var org = new DemoOrganisation();

        Assert.Throws<DomainException>(() => Case.Register(CaseId.New(), "1号", org.PowerCompany, "标题", "描述", T0,
            [InfrastructureFactsMet], [], [], Officer, T0.AddMinutes(-1)));
    }

    [Fact]
    public void Register_WithDuplicateFactsForOneCircumstance_IsRefused()
    {
        Assert.Throws<DomainException>(() => new CaseScenario(facts: [InfrastructureFactsMet, InfrastructureFactsMet]));
    }

    [Fact]
    public void Register_EvaluatesArticle8_AndTidiesEvidenceAndDuties()
    {
        var org = new DemoOrganisation();
        var c = Case.Register(CaseId.New(), " 1号 ", org.PowerCompany, "标题", "描述", T0, [InfrastructureFactsMet],
            [Article3Duty.EducationAndTalent, Article3Duty.ImplementDirectivesAndLaw, Article3Duty.EducationAndTalent],
            [" 日志 ", "日志", "", "笔录"], Officer, T0.AddHours(1));

        Assert.Equal("1号", c.Number);
        Assert.Equal([Circumstance.CriticalInfrastructureAttacked], c.Evaluation.Met);
        Assert.Equal([Article3Duty.ImplementDirectivesAndLaw, Article3Duty.EducationAndTalent], c.DutiesFailed);
        Assert.Equal(["日志", "笔录"], c.Evidence);
        Assert.Equal(CaseStatus.Registered, c.Status);
    }

    [Fact]
    public void Accept_WithATeamOfTwo_StartsTheTraceBack()
    {
        var s = new CaseScenario().Accept();

        Assert.Equal(CaseStatus.Investigating, s.Case.Status);
        Assert.Equal(LeadInvestigator, s.Case.Team!.Lead);
        Assert.Equal(s.Org.PowerCompany, s.Case.Chain!.Unit);
    }

    [Fact]
    public void InvestigationTeam_OfOne_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => new InvestigationTeam(LeadInvestigator, []));

        Assert.Contains("at least 2 members", ex.Message);
    }

    [Fact]
    public void InvestigationTeam_LeadListedAgainAsMember_IsStillATeamOfOne()
    {
        Assert.Throws<DomainException>(() => new InvestigationTeam(LeadInvestigator, [LeadInvestigator, " ", $" {LeadInvestigator} "]));
    }

    [Fact]
    public void Accept_WhenNothingUnderArticle8Applies_IsRefused()
    {
        var s = new CaseScenario(facts: [new DataLeakFacts(false, false, false, 200)]);

        Assert.False(s.Case.CanAccept);
        var ex = Assert.Throws<DomainException>(s.Accept);

        Assert.Contains("nothing to investigate", ex.Message);
        Assert.Equal(CaseStatus.Registered, s.Case.Status);
        Assert.Null(s.Case.Chain);
        Assert.Null(s.Case.Team);
        Assert.True(s.Case.CanReject);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Reject_WithoutReason_IsRefused(string reason)
    {
        var s = new CaseScenario();

        var ex = Assert.Throws<DomainException>(() => s.Case.Reject(reason));

        Assert.Contains("reason", ex.Message);
        Assert.Equal(CaseStatus.Registered, s.Case.Status);
    }

    [Fact]
    public void Reject_WithReason_IsFinal_AndNothingElseIsPossible()
    {
        var s = new CaseScenario();

        s.Case.Reject(" 不属于本办法管辖 ");

        Assert.Equal(CaseStatus.Rejected, s.Case.Status);
        Assert.Equal("不属于本办法管辖", s.Case.RejectionReason);
        Assert.True(s.Case.Status.IsFinal());
        Assert.All(Enum.GetValues<CaseTrigger>(), t => Assert.False(s.Case.Can(t)));
        Assert.Throws<DomainException>(s.Accept);
        Assert.Throws<DomainException>(() => s.Case.Reject("再次驳回"));
        Assert.Throws<DomainException>(() => s.Case.RecordFindings(Investigation.Domain.TraceBack.TraceBackLevel.PartyConcerned, [Responsible(s.Org.Operator)]));
        Assert.Contains("Rejected: nothing more can be done", s.Case.WhyNot(CaseTrigger.Accept)!.En);
    }

    [Fact]
    public void Reject_AfterAcceptance_IsRefused()
    {
        var s = new CaseScenario().Accept();

        var ex = Assert.Throws<DomainException>(() => s.Case.Reject("事后驳回"));

        Assert.Contains("cannot Reject", ex.Message);
        Assert.Null(s.Case.RejectionReason);
    }

    [Fact]
    public void Case_OnADutyFailureAlone_IsAccepted()
    {
        var s = new CaseScenario(facts: [], duties: [Article3Duty.EducationAndTalent]);

        s.Accept();

        Assert.Equal(CaseStatus.Investigating, s.Case.Status);
        Assert.False(s.Case.Evaluation.TraceBackMandatory);
    }
}
