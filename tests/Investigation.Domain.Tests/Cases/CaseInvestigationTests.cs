using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>From investigation to the suggestion: what each stage requires before the case moves on.</summary>
public class CaseInvestigationTests
{
    [Fact]
    public void CompleteTraceBack_WithLevelsOutstanding_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.Investigating).RecordLevel1().RecordLevel2().RecordLevel3();

        var ex = Assert.Throws<DomainException>(s.Case.CompleteTraceBack);

        Assert.Contains("coordination and supervision assessed", ex.Message);
        Assert.Equal(CaseStatus.Investigating, s.Case.Status);
    }

    [Fact]
    public void RecordFindings_OutsideInvestigation_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility);

        var ex = Assert.Throws<DomainException>(() => s.Case.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(s.Org.Engineer)]));
        Assert.Contains("does not allow to record findings", ex.Message);
    }

    [Fact]
    public void DetermineResponsibility_CanBeRepeated_AndReplacesTheEarlierDerivation()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility).Determine();
        Assert.Equal(5, s.Case.Responsibilities.Count);

        s.Determine(DecisionRecord.Individual("个人违规操作"));

        Assert.Equal(3, s.Case.Responsibilities.Count);
        Assert.False(s.Case.DecisionAtFault!.Collective);
    }

    [Fact]
    public void ConfirmResponsibility_BeforeDetermining_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility);

        Assert.False(s.Case.CanConfirmResponsibility);
        Assert.Throws<DomainException>(s.Confirm);
    }

    [Fact]
    public void OverrideResponsibility_ForSomeoneWithoutDerivedResponsibility_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility).Determine();

        Assert.Throws<DomainException>(() => s.Case.OverrideResponsibility(s.Org.Engineer, ResponsibilityKind.Direct, "补充认定", LeadInvestigator, T0));
    }

    [Fact]
    public void OverrideResponsibility_WithWhitespaceReason_IsRefused_AndKeepsTheDerivation()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility).Determine();

        Assert.Throws<DomainException>(() => s.Case.OverrideResponsibility(s.Org.Operator, ResponsibilityKind.None, "  ", LeadInvestigator, T0));

        Assert.False(s.Case.Responsibilities.Single(r => r.Person == s.Org.Operator).IsOverridden);
    }

    [Fact]
    public void Hearing_Incomplete_BlocksCompleteHearing()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);
        s.Case.RecordStatement(new Statement(s.Org.Operator, "无异议", null, false, LeadInvestigator, T0.AddDays(20)));

        Assert.False(s.Case.CanCompleteHearing);
        var ex = Assert.Throws<DomainException>(s.CompleteHearing);

        Assert.Contains("statement and defence", ex.Message);
        Assert.Equal(CaseStatus.Hearing, s.Case.Status);
    }

    [Fact]
    public void Statement_FromAPersonNotHeldResponsible_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);

        Assert.Throws<DomainException>(() => s.Case.RecordStatement(new Statement(s.Org.Deputy2, "我未参会", null, false, LeadInvestigator, T0)));
    }

    [Fact]
    public void Statement_EmptyAndNotDeclined_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);

        Assert.Throws<DomainException>(() => s.Case.RecordStatement(new Statement(s.Org.Operator, " ", null, false, LeadInvestigator, T0)));
    }

    [Fact]
    public void Suggestion_ForAPersonNotHeldResponsible_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion);

        var ex = Assert.Throws<DomainException>(() => s.Case.DraftSuggestion(
            [new Measure(AccountabilitySubject.Cadre(s.Org.Deputy2), [AccountabilityForm.Admonishment], "班子成员")],
            "网信办起草人", T0.AddDays(25)));

        Assert.Contains("only for a person held responsible", ex.Message);
        Assert.Null(s.Case.Suggestion);
    }

    [Fact]
    public void SubmitSuggestion_BeforeDrafting_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion).Report();

        var ex = Assert.Throws<DomainException>(s.Submit);

        Assert.Contains("Draft the accountability suggestion first", ex.Message);
    }

    [Fact]
    public void SubmitSuggestion_BeforeTheInvestigationReport_IsRefused_CitingArticle11()
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion);
        s.Case.DraftSuggestion(s.Proposals, "网信办起草人", T0.AddDays(25));

        var ex = Assert.Throws<DomainException>(s.Submit);

        Assert.Contains("第十一条", ex.Text.Zh);
        Assert.Equal(CaseStatus.DraftingSuggestion, s.Case.Status);
    }

    [Theory]
    [InlineData(new[] { LeadInvestigator }, "至少")]
    [InlineData(new[] { SecondInvestigator, "outsider" }, "不是本案调查组成员")]
    [InlineData(new[] { SecondInvestigator }, "至少")]
    public void InvestigationReport_DiscussedByTooFewOrOutsiders_IsRefused(string[] participants, string message)
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion);

        var ex = Assert.Throws<DomainException>(() => s.Case.RecordInvestigationReport("事实", "结论", participants, "一致同意",
            DateOnly.FromDateTime(T0.AddDays(24).DateTime), LeadInvestigator, T0.AddDays(24)));

        Assert.Contains(message, ex.Text.Zh);
        Assert.Null(s.Case.Report);
    }

    [Fact]
    public void InvestigationReport_WithoutTheLead_IsRefused()
    {
        var s = new CaseScenario();
        s.Case.Accept(s.Org.Tree, new InvestigationTeam(LeadInvestigator, [SecondInvestigator, "investigator-c"]));
        s.AdvanceTo(CaseStatus.DraftingSuggestion);

        var ex = Assert.Throws<DomainException>(() => s.Case.RecordInvestigationReport("事实", "结论", [SecondInvestigator, "investigator-c"], "一致同意",
            DateOnly.FromDateTime(T0.AddDays(24).DateTime), SecondInvestigator, T0.AddDays(24)));

        Assert.Contains("组长", ex.Text.Zh);
    }

    [Fact]
    public void InvestigationReport_BeforeTheHearingIsComplete_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);

        Assert.Throws<DomainException>(() => s.Case.RecordInvestigationReport("事实", "结论", [LeadInvestigator, SecondInvestigator], "一致同意",
            DateOnly.FromDateTime(T0.AddDays(24).DateTime), LeadInvestigator, T0.AddDays(24)));
    }

    [Fact]
    public void InvestigationReport_GoesWithTheRoundWhenTheCaseIsReturned()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);
        var report = s.Case.Report;

        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "证据不足", T0.AddDays(30));

        Assert.Null(s.Case.Report);
        Assert.Equal(report, s.Case.PreviousRounds.Single().Report);
    }

    [Fact]
    public void HearingStatement_ForAPersonWhoDeclinesToSpeak_CountsAsHeard()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);
        foreach (var person in s.Case.PeopleHeldResponsible.ToList())
            s.Case.RecordStatement(new Statement(person, "", null, Declined: true, LeadInvestigator, T0.AddDays(20)));

        s.Case.CompleteHearing();

        Assert.Equal(CaseStatus.DraftingSuggestion, s.Case.Status);
    }

    [Fact]
    public void HearingStatement_RecordedTwice_KeepsTheLatest()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);
        var person = s.Org.SecurityLead;

        s.Case.RecordStatement(new Statement(person, "初次陈述", null, false, LeadInvestigator, T0.AddDays(20)));
        s.Case.RecordStatement(new Statement(person, "补充陈述", "经费申请未获批准", false, LeadInvestigator, T0.AddDays(21)));

        Assert.Equal("补充陈述", Assert.Single(s.Case.Statements).Text);
    }

    [Fact]
    public void Override_ThroughTheCase_ChangesWhoIsHeard()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility).Determine();

        s.Case.OverrideResponsibility(s.Org.Deputy1, ResponsibilityKind.None, "会上明确反对并书面留痕", LeadInvestigator, T0.AddDays(15));

        Assert.DoesNotContain(s.Org.Deputy1, s.Case.PeopleHeldResponsible);
        var entry = s.Case.Responsibilities.Single(r => r.Person == s.Org.Deputy1);
        Assert.Equal(ResponsibilityKind.ImportantLeadership, entry.Derived);
        Assert.Equal(ResponsibilityKind.None, entry.Effective);
    }

    [Fact]
    public void Suggestion_WhenNobodyIsHeldResponsible_MayProposeNothing()
    {
        var s = CaseScenario.At(CaseStatus.DeterminingResponsibility);
        s.Determine(DecisionRecord.Individual("个人违规"));
        foreach (var r in s.Case.Responsibilities.ToList())
            s.Case.OverrideResponsibility(r.Person, ResponsibilityKind.None, "情节轻微，免予问责", LeadInvestigator, T0.AddDays(15));
        s.Confirm().CompleteHearing();

        s.Case.DraftSuggestion([], "网信办起草人", T0.AddDays(25));

        Assert.Empty(s.Case.Suggestion!.Proposals);
    }

    [Fact]
    public void Suggestion_ForAnotherUnitsOrganisation_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion);

        var ex = Assert.Throws<DomainException>(() => s.Case.DraftSuggestion(
            [new Measure(AccountabilitySubject.Organisation(s.Org.WaterCompany), [AccountabilityForm.Inspection], "落实不力")],
            "网信办起草人", T0.AddDays(25)));
        Assert.Contains("unit of the case", ex.Message);
    }

    [Fact]
    public void Suggestion_TwoMeasuresForOnePerson_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion);
        var subject = AccountabilitySubject.Cadre(s.Org.MainLead);

        Assert.Throws<DomainException>(() => s.Case.DraftSuggestion(
            [new Measure(subject, [AccountabilityForm.Admonishment], "a"), new Measure(subject, [AccountabilityForm.CirculatedCriticism], "b")],
            "网信办起草人", T0.AddDays(25)));
    }

    [Fact]
    public void Suggestion_ProposingNothingWhilePeopleAreHeldResponsible_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.DraftingSuggestion);

        var ex = Assert.Throws<DomainException>(() => s.Case.DraftSuggestion([], "网信办起草人", T0.AddDays(25)));
        Assert.Contains("propose at least one measure", ex.Message);
    }
}
