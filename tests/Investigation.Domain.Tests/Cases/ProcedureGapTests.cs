using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.Tests.Support;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Data;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>The rule gaps beside Article 8: the failed duty of a leader, the site's level, the citations, and the rounds kept.</summary>
public class ProcedureGapTests
{
    [Theory]
    [InlineData(TraceBackLevel.SecurityLead)]
    [InlineData(TraceBackLevel.MainLead)]
    public void ResponsibleLeader_WithoutTheArticle3DutyFailed_IsRefused(TraceBackLevel level)
    {
        var s = new CaseScenario().Accept();
        s.RecordLevel1();
        if (level == TraceBackLevel.MainLead) s.RecordLevel2();
        var person = level == TraceBackLevel.SecurityLead ? s.Org.SecurityLead : s.Org.MainLead;

        var ex = Assert.Throws<DomainException>(() => s.Case.RecordFindings(level, [new Finding(person, true, "未组织巡检", ["巡检记录"])]));

        Assert.Contains("第三条", ex.Text.Zh);
        Assert.Equal(LevelStatus.Open, s.Case.Chain![level].Status);
    }

    [Fact]
    public void ResponsibleCoordinatingHead_WithoutTheDutyFailed_IsRefused()
    {
        var s = new CaseScenario().Accept();
        s.RecordLevel1().RecordLevel2().RecordLevel3();
        s.Case.AssessCoordination(s.Org.Tree, new CoordinationAssessment(false, true, "监管不力"));
        var head = s.Case.Chain![TraceBackLevel.CoordinatingSupervisingHead].Subjects.Single();

        Assert.Throws<DomainException>(() => s.Case.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [new Finding(head, true, "未督促整改", ["通报记录"])]));
        s.Case.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [new Finding(head, true, "未督促整改", ["通报记录"], Article3Duty.ProtectionAndIncidentHandling)]);
    }

    [Fact]
    public void PartyConcerned_MayBeResponsible_WithoutAnArticle3Duty_AndTheReasonCitesArticle8()
    {
        var s = new CaseScenario().Accept();
        s.Case.RecordFindings(TraceBackLevel.PartyConcerned, [new Finding(s.Org.Operator, true, "未按制度值班", ["值班记录"])]);
        s.RecordLevel2().RecordLevel3();
        s.Case.AssessCoordination(s.Org.Tree, Effective);
        s.CompleteTraceBack();
        s.Determine();

        var entry = s.Case.Responsibilities.Single(r => r.Person == s.Org.Operator);
        Assert.Equal(ResponsibilityKind.Direct, entry.Derived);
        Assert.StartsWith("第八条第二款", entry.Citation.Provision);
        Assert.Contains("本系统的理解", entry.DerivationReason.Zh);
    }

    [Theory]
    [InlineData(AdministrativeLevel.Prefecture, true)]
    [InlineData(AdministrativeLevel.County, false)]
    [InlineData(AdministrativeLevel.Provincial, false)]
    public void SiteLevel_IsCompared_WithTheUnitsLevel(AdministrativeLevel typed, bool agrees)
    {
        var org = new DemoOrganisation();
        var unit = org.Tree.Unit(org.PrefectureGovernmentOffice); // prefecture level
        var facts = ParalysisFacts(TimeSpan.FromHours(7), level: typed);

        var mismatch = facts.LevelMismatch(unit);

        Assert.Equal(agrees, mismatch is null);
        if (!agrees) Assert.Contains("地市级", mismatch!.Zh);
    }

    [Fact]
    public void KeyNewsWebsite_ReasonSaysWhichReadingOf地市级以上WasApplied()
    {
        var clause = ParalysisFacts(TimeSpan.FromHours(7), SiteKind.KeyNewsWebsite, AdministrativeLevel.County).Evaluate().Clauses[0];

        Assert.True(clause.Satisfied);
        Assert.Contains("本系统理解", clause.Reason.Zh);
        Assert.Contains("Reading applied", clause.Reason.En);
    }

    [Fact]
    public void Return_KeepsTheFirstRound_AndTheSecondStartsEmpty()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);
        var firstTable = s.Case.Responsibilities.Select(r => (r.Person, r.Effective)).ToList();
        var firstStatements = s.Case.Statements.Count;
        var firstProposals = s.Case.Suggestion!.Proposals.Count;

        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "分管领导履职证据不足", T0.AddDays(30));

        Assert.Equal(2, s.Case.CurrentRound);
        var round = Assert.Single(s.Case.PreviousRounds);
        Assert.Equal(1, round.Number);
        Assert.Equal(firstTable, round.Responsibilities.Select(r => (r.Person, r.Override?.Kind ?? r.Derived)).ToList());
        Assert.Equal(firstStatements, round.Statements.Count);
        Assert.Equal(firstProposals, round.Suggestion!.Proposals.Count);
        Assert.Equal(ReviewOutcome.Returned, round.Reviews[^1].Outcome);
        Assert.Equal([TraceBackLevel.SecurityLead], round.ReturnedLevels);
        Assert.Empty(s.Case.Responsibilities);
        Assert.Null(s.Case.Suggestion);
    }

    [Fact]
    public void SecondReturn_AddsASecondRound_AndBothSurviveTheSnapshot()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);
        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "证据不足", T0.AddDays(30));
        s.TraceAll().CompleteTraceBack();
        s.Determine().Confirm().HearAll().CompleteHearing();
        s.Draft().Submit();
        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.MainLead], "主要负责人证据不足", T0.AddDays(35));

        var restored = Case.Restore(CaseJson.Deserialize(s.Case.Json()));

        Assert.Equal([1, 2], restored.PreviousRounds.Select(r => r.Number));
        Assert.Single(restored.PreviousRounds[1].Reviews);
        Assert.Equal(3, restored.CurrentRound);
    }
}
