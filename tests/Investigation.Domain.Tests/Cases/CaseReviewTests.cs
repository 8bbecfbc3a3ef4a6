using Investigation.Domain.Cases;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>The discipline inspection review: endorse and approve by two reviewers, return for supplementary investigation, decline.</summary>
public class CaseReviewTests
{
    [Fact]
    public void Approve_ByTheReviewerWhoEndorsed_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);

        var ex = Assert.Throws<DomainException>(() => s.Case.Approve($" {FirstReviewer} ", T0.AddDays(31)));

        Assert.Contains("second reviewer", ex.Message);
        Assert.Equal(CaseStatus.AwaitingApproval, s.Case.Status);
        Assert.Single(s.Case.Reviews);
    }

    [Fact]
    public void CanApprove_SaysNoToTheReviewerWhoEndorsed_AsApproveAndRefuseApprovalDo()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);

        Assert.False(s.Case.CanApprove($" {FirstReviewer.ToUpperInvariant()} "));
        Assert.True(s.Case.CanApprove(SecondReviewer));
        Assert.False(CaseScenario.At(CaseStatus.UnderReview).Case.CanApprove(SecondReviewer));
    }

    [Fact]
    public void RefuseApproval_ByTheReviewerWhoEndorsed_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);

        Assert.Throws<DomainException>(() => s.Case.RefuseApproval(FirstReviewer, "不同意", T0.AddDays(31)));
        Assert.Equal(CaseStatus.AwaitingApproval, s.Case.Status);
    }

    [Fact]
    public void RefuseApproval_BySecondReviewer_SendsTheCaseBackToReview()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);

        s.Case.RefuseApproval(SecondReviewer, "问责方式偏轻", T0.AddDays(31));

        Assert.Equal(CaseStatus.UnderReview, s.Case.Status);
        Assert.Null(s.Case.PendingEndorsement);
        Assert.Equal(ReviewOutcome.ApprovalRefused, s.Case.Reviews[^1].Outcome);
    }

    [Fact]
    public void AfterARefusedApproval_ANewEndorsementNeedsItsOwnSecondReviewer()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);
        s.Case.RefuseApproval(SecondReviewer, "问责方式偏轻", T0.AddDays(31));
        s.Endorse(SecondReviewer);

        Assert.Throws<DomainException>(() => s.Approve(SecondReviewer));
        s.Approve(FirstReviewer);

        Assert.Equal(CaseStatus.AwaitingDecision, s.Case.Status);
    }

    [Fact]
    public void ReturnForSupplementaryInvestigationOfLevel2_ReopensOnlyLevel2_AndClearsResponsibilityAndSuggestion()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);
        var chain = s.Case.Chain!;
        var level1 = chain[TraceBackLevel.PartyConcerned].Findings.ToList();
        var level3 = chain[TraceBackLevel.MainLead].Findings.ToList();

        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "分管领导履职情况证据不足", T0.AddDays(30));

        Assert.Equal(CaseStatus.Investigating, s.Case.Status);
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.SecurityLead].Status);
        Assert.Equal(2, chain[TraceBackLevel.SecurityLead].Round);
        Assert.Single(chain[TraceBackLevel.SecurityLead].Superseded);
        Assert.Equal(LevelStatus.Done, chain[TraceBackLevel.PartyConcerned].Status);
        Assert.Equal(LevelStatus.Done, chain[TraceBackLevel.MainLead].Status);
        Assert.Equal(LevelStatus.NotApplicable, chain[TraceBackLevel.CoordinatingSupervisingHead].Status);
        Assert.Equal(level1, chain[TraceBackLevel.PartyConcerned].Findings);
        Assert.Equal(level3, chain[TraceBackLevel.MainLead].Findings);
        Assert.Empty(s.Case.Responsibilities);
        Assert.Null(s.Case.DecisionAtFault);
        Assert.Null(s.Case.Suggestion);
        var review = s.Case.Reviews[^1];
        Assert.Equal(ReviewOutcome.Returned, review.Outcome);
        Assert.Equal([TraceBackLevel.SecurityLead], review.ReturnedLevels);
    }

    [Fact]
    public void ReturnedCase_CanBeInvestigatedAgain_AndGoesThroughTheStepsOnceMore()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);
        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "证据不足", T0.AddDays(30));

        s.Case.RecordFindings(TraceBackLevel.SecurityLead, [NotResponsible(s.Org.SecurityLead, "已书面督促整改")]);
        s.CompleteTraceBack().Determine().Confirm().HearAll().CompleteHearing().Draft().Submit();

        Assert.Equal(CaseStatus.UnderReview, s.Case.Status);
        Assert.DoesNotContain(s.Org.SecurityLead, s.Case.PeopleHeldResponsible);
    }

    [Fact]
    public void Return_OfLevel4_ClearsTheAssessment_SoCoordinationIsAssessedAgain()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);

        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.CoordinatingSupervisingHead], "监管部门履职情况未查", T0.AddDays(30));

        Assert.Null(s.Case.Chain!.Assessment);
        Assert.False(s.Case.CanCompleteTraceBack);
        s.Case.AssessCoordination(s.Org.Tree, new CoordinationAssessment(false, true, "省能源局未督促整改"));
        s.Case.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(s.Org.EnergyRegulatorHead)]);
        Assert.True(s.Case.CanCompleteTraceBack);
    }

    [Fact]
    public void Return_WithoutReason_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);

        Assert.Throws<DomainException>(() => s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], " ", T0));
        Assert.Equal(CaseStatus.UnderReview, s.Case.Status);
    }

    [Fact]
    public void Return_WithoutLevels_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);

        Assert.Throws<DomainException>(() => s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [], "补充调查", T0));
        Assert.Equal(CaseStatus.UnderReview, s.Case.Status);
    }

    [Fact]
    public void Decline_WithReason_IsFinal()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);

        s.Case.Decline(FirstReviewer, "不符合问责条件", T0.AddDays(30));

        Assert.Equal(CaseStatus.Declined, s.Case.Status);
        Assert.True(s.Case.Status.IsFinal());
        Assert.All(Enum.GetValues<CaseTrigger>(), t => Assert.False(s.Case.Can(t)));
    }

    [Fact]
    public void Decline_WithoutReason_IsRefused()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);

        Assert.Throws<DomainException>(() => s.Case.Decline(FirstReviewer, "", T0));
        Assert.Equal(CaseStatus.UnderReview, s.Case.Status);
    }
}
