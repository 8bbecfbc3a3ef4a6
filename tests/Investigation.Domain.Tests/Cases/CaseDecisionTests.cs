using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>The decision of the managing Party organisation and its acknowledgement (Articles 9 and 10).</summary>
public class CaseDecisionTests
{
    private static readonly DateOnly DecidedOn = new(2024, 4, 10);

    [Fact]
    public void Decide_ByAnOrganisationWithoutAuthority_IsRefused_AndLeavesTheStatusUnchanged()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);

        var ex = Assert.Throws<DomainException>(() => s.Case.Decide(s.Org.Tree, s.Org.Province, s.DecidableBy(s.Org.Prefecture),
            DecidedOn, "省委决定", "省委组织部", T0.AddDays(40)));

        Assert.Contains("only 市委 may decide", ex.Message);
        Assert.Equal(CaseStatus.AwaitingDecision, s.Case.Status);
        Assert.Null(s.Case.Decision);
    }

    [Fact]
    public void Decide_ForStaffManagedByTheirUnit_ByTheRegion_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var operatorMeasure = new Measure(AccountabilitySubject.Cadre(s.Org.Operator), [AccountabilityForm.Admonishment], "直接责任");

        Assert.Throws<DomainException>(() => s.Case.Decide(s.Org.Tree, s.Org.Prefecture, [operatorMeasure],
            DecidedOn, "市委决定", "市委组织部", T0.AddDays(40)));
        Assert.Equal(CaseStatus.AwaitingDecision, s.Case.Status);
    }

    /// <summary>
    /// Only the organisation with management authority decides (Article 9, paragraph 2). A decision
    /// that names no measure must not open a gap through which any organisation may decide the case.
    /// </summary>
    [Fact]
    public void Decide_WithNoMeasures_ByAnOrganisationWithoutAuthority_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);

        Assert.Throws<DomainException>(() => s.Case.Decide(s.Org.Tree, s.Org.WaterCompany, [],
            DecidedOn, "水务集团决定不予问责", "水务集团", T0.AddDays(40)));
        Assert.Equal(CaseStatus.AwaitingDecision, s.Case.Status);
    }

    [Fact]
    public void Decide_WithADateInTheFuture_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);

        var ex = Assert.Throws<DomainException>(() => s.Case.Decide(s.Org.Tree, s.Org.Prefecture, s.DecidableBy(s.Org.Prefecture),
            DateOnly.FromDateTime(T0.AddDays(50).DateTime), "市委决定", "市委组织部", T0.AddDays(40)));

        Assert.Contains("future", ex.Message);
    }

    [Fact]
    public void Decide_WithoutAnnouncement_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);

        Assert.Throws<DomainException>(() => s.Case.Decide(s.Org.Tree, s.Org.Prefecture, s.DecidableBy(s.Org.Prefecture),
            DecidedOn, " ", "市委组织部", T0.AddDays(40)));
        Assert.Equal(CaseStatus.AwaitingDecision, s.Case.Status);
    }

    [Fact]
    public void Decide_BeforeApproval_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);

        Assert.False(s.Case.CanDecide);
        Assert.Throws<DomainException>(() => s.Case.Decide(s.Org.Tree, s.Org.Prefecture, s.DecidableBy(s.Org.Prefecture),
            DecidedOn, "市委决定", "市委组织部", T0.AddDays(40)));
    }

    [Fact]
    public void Decide_MayChooseOtherFormsThanTheSuggestion()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);
        var measure = new Measure(AccountabilitySubject.Cadre(s.Org.MainLead),
            [AccountabilityForm.CirculatedCriticism, AccountabilityForm.DisciplinarySanction], "负主要领导责任");

        var others = s.DecidableBy(s.Org.Prefecture).Where(m => m.Subject != measure.Subject);

        s.Case.Decide(s.Org.Tree, s.Org.Prefecture, others.Append(measure), DecidedOn, "市委决定", "市委组织部", T0.AddDays(40));

        Assert.Equal(CaseStatus.Decided, s.Case.Status);
        Assert.Equal(measure, s.Case.Decision!.Measures.Single(m => m.Subject == measure.Subject));
    }

    [Fact]
    public void Acknowledge_OnlyAfterADecision()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingDecision);

        Assert.False(s.Case.CanAcknowledge);
        Assert.Throws<DomainException>(s.Acknowledge);
        s.Decide().Acknowledge();
        Assert.Equal(CaseStatus.Closed, s.Case.Status);
    }
}
