using Investigation.Domain.Cases;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>A case from registration to the cadre management department's acknowledgement, through every status.</summary>
public class CaseHappyPathTests
{
    [Fact]
    public void Case_GoesThroughEveryStatus_FromRegisteredToClosed()
    {
        var s = new CaseScenario();
        var org = s.Org;
        var c = s.Case;
        var visited = new List<CaseStatus> { c.Status };
        void Step(Action action) { action(); visited.Add(c.Status); }

        Assert.Equal(CaseStatus.Registered, c.Status);
        Assert.Equal(Investigation.Domain.Incidents.AccountabilityBasis.SeriousCircumstance, c.Evaluation.Basis);

        Step(() => c.Accept(org.Tree, new InvestigationTeam(LeadInvestigator, [SecondInvestigator])));
        Assert.Equal(2, c.Team!.Members.Count);
        Assert.NotNull(c.Chain);

        c.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);
        c.AssessCoordination(org.Tree, Effective);
        c.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(org.SecurityLead)]);
        c.RecordFindings(TraceBackLevel.MainLead, [Responsible(org.MainLead)]);
        Assert.True(c.Chain!.IsComplete);
        Step(c.CompleteTraceBack);

        var derived = c.DetermineResponsibility(org.Tree, s.CollectiveDecision);
        Assert.Equal(5, derived.Count);
        Step(c.ConfirmResponsibility);
        Assert.Equal(new[] { org.Operator, org.SecurityLead, org.MainLead, org.Deputy1 }.ToHashSet(), c.PeopleHeldResponsible.ToHashSet());

        foreach (var person in c.PeopleHeldResponsible.ToList())
            c.RecordStatement(new Statement(person, "对事实无异议", person == org.SecurityLead ? "已多次申请经费未获批准" : null, false, LeadInvestigator, T0.AddDays(20)));
        Step(c.CompleteHearing);

        s.Report();
        Assert.Equal([LeadInvestigator, SecondInvestigator], c.Report!.Participants);
        c.DraftSuggestion(s.Proposals, "网信办起草人", T0.AddDays(25));
        Assert.False(c.Suggestion!.Submitted);
        Step(() => c.SubmitSuggestion(T0.AddDays(26)));
        Assert.True(c.Suggestion!.Submitted);

        Step(() => c.Endorse(FirstReviewer, "事实清楚，证据确凿", T0.AddDays(30)));
        Assert.Equal(FirstReviewer, c.PendingEndorsement!.Reviewer);
        Step(() => c.Approve(SecondReviewer, T0.AddDays(31)));

        var measures = s.DecidableBy(org.Prefecture);
        Step(() => c.Decide(org.Tree, org.Prefecture, measures, new DateOnly(2024, 4, 10), "市委常委会研究决定", "市委组织部", T0.AddDays(40)));
        Assert.Equal(org.Prefecture, c.Decision!.DecidedBy);
        Assert.Equal(measures, c.Decision.Measures);

        Step(() => c.Acknowledge("干部主管部门", " 已归档 ", T0.AddDays(45)));
        Assert.Equal("已归档", c.Acknowledgement!.Note);

        Assert.Equal(
            [CaseStatus.Registered, CaseStatus.Investigating, CaseStatus.DeterminingResponsibility, CaseStatus.Hearing,
             CaseStatus.DraftingSuggestion, CaseStatus.UnderReview, CaseStatus.AwaitingApproval, CaseStatus.AwaitingDecision,
             CaseStatus.Decided, CaseStatus.Closed],
            visited);
        Assert.Equal([ReviewOutcome.Endorsed, ReviewOutcome.Approved], c.Reviews.Select(r => r.Outcome));
        Assert.True(c.Status.IsFinal());
    }

    [Fact]
    public void ClosedCase_AllowsNothingMore()
    {
        var c = CaseScenario.At(CaseStatus.Closed).Case;

        Assert.All(Enum.GetValues<CaseTrigger>(), t => Assert.False(c.Can(t)));
        Assert.Contains("nothing more can be done", c.WhyNot(CaseTrigger.Acknowledge)!.En);
    }

    [Fact]
    public void EveryStatusOfTheHappyPath_IsReachedThroughTheTransitionTable()
    {
        var s = new CaseScenario();
        var statuses = new[] { CaseStatus.Investigating, CaseStatus.DeterminingResponsibility, CaseStatus.Hearing, CaseStatus.DraftingSuggestion,
            CaseStatus.UnderReview, CaseStatus.AwaitingApproval, CaseStatus.AwaitingDecision, CaseStatus.Decided, CaseStatus.Closed };
        var previous = s.Case.Status;

        foreach (var status in statuses)
        {
            s.AdvanceTo(status);
            Assert.Contains(CaseTransitions.Table, t => t.From == previous && t.To == status);
            previous = status;
        }
    }
}
