using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Tests.Support;

namespace Investigation.Domain.Tests.Cases;

/// <summary>What the UI asks (<c>Can…</c>, <c>WhyNot</c>) agrees with what the actions do.</summary>
public class CaseCanQueryTests
{
    /// <summary>Named moments of a case's life: each status of the happy path, before and after its work, and the final ones.</summary>
    private static readonly Dictionary<string, Func<CaseScenario>> Moments = new()
    {
        ["registered"] = () => new CaseScenario(),
        ["registered, nothing applies"] = () => new CaseScenario(facts: [new DataLeakFacts(false, false, false)]),
        ["rejected"] = () => { var s = new CaseScenario(); s.Case.Reject("不予受理"); return s; },
        ["investigating"] = () => CaseScenario.At(CaseStatus.Investigating),
        ["investigating, traced"] = () => CaseScenario.At(CaseStatus.Investigating).TraceAll(),
        ["determining"] = () => CaseScenario.At(CaseStatus.DeterminingResponsibility),
        ["determining, determined"] = () => CaseScenario.At(CaseStatus.DeterminingResponsibility).Determine(),
        ["hearing"] = () => CaseScenario.At(CaseStatus.Hearing),
        ["hearing, heard"] = () => CaseScenario.At(CaseStatus.Hearing).HearAll(),
        ["drafting"] = () => CaseScenario.At(CaseStatus.DraftingSuggestion),
        ["drafting, drafted"] = () => CaseScenario.At(CaseStatus.DraftingSuggestion).Draft(),
        ["under review"] = () => CaseScenario.At(CaseStatus.UnderReview),
        ["awaiting approval"] = () => CaseScenario.At(CaseStatus.AwaitingApproval),
        ["declined"] = () => { var s = CaseScenario.At(CaseStatus.UnderReview); s.Fire(CaseTrigger.Decline); return s; },
        ["awaiting decision"] = () => CaseScenario.At(CaseStatus.AwaitingDecision),
        ["decided"] = () => CaseScenario.At(CaseStatus.Decided),
        ["closed"] = () => CaseScenario.At(CaseStatus.Closed),
    };

    public static TheoryData<string> MomentNames => new(Moments.Keys);

    [Theory]
    [MemberData(nameof(MomentNames))]
    public void Can_AgreesWithWhatTheActionDoes_ForEveryTrigger(string moment)
    {
        var scenario = Moments[moment]();

        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            var can = scenario.Case.Can(trigger);
            var attempt = scenario.Clone();
            var succeeded = Record.Exception(() => attempt.Fire(trigger)) is null;

            Assert.True(can == succeeded, $"{moment}: Can({trigger}) is {can} but the action {(succeeded ? "succeeded" : "was refused")}.");
            Assert.Equal(can, scenario.Case.WhyNot(trigger) is null);
        }
    }

    [Theory]
    [MemberData(nameof(MomentNames))]
    public void EveryRefusal_SaysWhyInChinese_WithNoEnglishLeftInIt(string moment)
    {
        var scenario = Moments[moment]();

        foreach (var trigger in Enum.GetValues<CaseTrigger>())
        {
            if (Record.Exception(() => scenario.Clone().Fire(trigger)) is not { } error) continue;

            var refusal = Assert.IsType<DomainException>(error);
            Assert.False(refusal.Text.Zh.Any(char.IsAsciiLetter), $"{moment}, {trigger}: {refusal.Text.Zh}");
            Assert.False(string.IsNullOrWhiteSpace(refusal.Text.En));
        }
    }

    [Fact]
    public void WhyNot_NamesTheStatusAndWhatIsPossible_InChinese()
    {
        var c = CaseScenario.At(CaseStatus.UnderReview).Case;

        Assert.Equal("纪检审核中的案件不能受理；现在可以：审核同意、退回补充调查、不予问责。", c.WhyNot(CaseTrigger.Accept)!.Zh);
    }

    [Theory]
    [MemberData(nameof(MomentNames))]
    public void CanProperties_AgreeWithCanOfTheirTrigger(string moment)
    {
        var c = Moments[moment]().Case;

        Assert.Equal(c.Can(CaseTrigger.Accept), c.CanAccept);
        Assert.Equal(c.Can(CaseTrigger.Reject), c.CanReject);
        Assert.Equal(c.Can(CaseTrigger.CompleteTraceBack), c.CanCompleteTraceBack);
        Assert.Equal(c.Can(CaseTrigger.ConfirmResponsibility), c.CanConfirmResponsibility);
        Assert.Equal(c.Can(CaseTrigger.CompleteHearing), c.CanCompleteHearing);
        Assert.Equal(c.Can(CaseTrigger.SubmitSuggestion), c.CanSubmitSuggestion);
        Assert.Equal(c.Can(CaseTrigger.Decide), c.CanDecide);
        Assert.Equal(c.Can(CaseTrigger.Acknowledge), c.CanAcknowledge);
        Assert.Equal(c.Status == CaseStatus.Investigating, c.CanRecordFindings);
        Assert.Equal(c.Status == CaseStatus.DeterminingResponsibility, c.CanDetermineResponsibility);
        Assert.Equal(c.Status == CaseStatus.Hearing, c.CanRecordStatement);
        Assert.Equal(c.Status == CaseStatus.DraftingSuggestion, c.CanDraftSuggestion);
        Assert.Equal(c.Status == CaseStatus.UnderReview, c.CanReview);
        Assert.Equal(c.Status == CaseStatus.AwaitingApproval, c.CanApprove(CaseScenario.SecondReviewer));
    }

    [Fact]
    public void WhyNot_ForATriggerTheStatusDoesNotAllow_SaysWhatIsPossibleNow()
    {
        var c = CaseScenario.At(CaseStatus.UnderReview).Case;

        var why = c.WhyNot(CaseTrigger.Accept)!.En;

        Assert.Contains("UnderReview cannot Accept", why);
        Assert.Contains("Endorse, ReturnForSupplementaryInvestigation, Decline", why);
    }

    [Fact]
    public void WhyNot_ForAnUnmetPrecondition_SaysWhatIsMissing()
    {
        var c = CaseScenario.At(CaseStatus.Hearing).Case;

        Assert.Contains("statement and defence", c.WhyNot(CaseTrigger.CompleteHearing)!.En);
    }
}
