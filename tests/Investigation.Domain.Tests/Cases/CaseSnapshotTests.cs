using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>Snapshot → JSON → Restore preserves everything a case holds.</summary>
public class CaseSnapshotTests
{
    private static readonly DateTimeOffset Down = T0.AddHours(-12);

    /// <summary>Facts of every kind, so that the polymorphic facts all go through JSON.</summary>
    private static IReadOnlyList<CircumstanceFacts> EveryKindOfFacts =>
    [
        new PortalTamperingFacts(SiteKind.LargeNetworkPlatform, true, true, true, false),
        new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Prefecture, true, false, Down, null, T0),
        new DataLeakFacts(false, false, false, 4200),
        InfrastructureFactsMet,
        new ConcealmentFacts(false, false, true, false),
        new ObstructionFacts(false, true),
        new OtherSeriousActFacts("违规开放远程运维端口", false),
    ];

    private static void AssertRoundTrip(Case original)
    {
        var json = SnapshotJson.Serialize(original.ToSnapshot());

        var restored = Case.Restore(SnapshotJson.Deserialize(json));

        Assert.Equal(json, SnapshotJson.Serialize(restored.ToSnapshot()));
        Assert.Equal(original.Status, restored.Status);
        Assert.Equal(original.Evaluation.Basis, restored.Evaluation.Basis);
        Assert.Equal(original.Evaluation.Met, restored.Evaluation.Met);
    }

    public static TheoryData<CaseStatus> HappyPathStatuses => new(
        CaseStatus.Registered, CaseStatus.Investigating, CaseStatus.DeterminingResponsibility, CaseStatus.Hearing,
        CaseStatus.DraftingSuggestion, CaseStatus.UnderReview, CaseStatus.AwaitingApproval, CaseStatus.AwaitingDecision,
        CaseStatus.Decided, CaseStatus.Closed);

    [Theory]
    [MemberData(nameof(HappyPathStatuses))]
    public void RoundTrip_AtEveryStatus_PreservesTheCase(CaseStatus status)
    {
        AssertRoundTrip(new CaseScenario(facts: EveryKindOfFacts, duties: [Article3Duty.ProtectionAndIncidentHandling]).AdvanceTo(status).Case);
    }

    [Fact]
    public void RoundTrip_PreservesEveryKindOfFacts_WithTheirConcreteTypes()
    {
        var c = new CaseScenario(facts: EveryKindOfFacts).Case;

        var restored = Case.Restore(SnapshotJson.Deserialize(c.Json()));

        Assert.Equal(EveryKindOfFacts.Select(f => f.GetType()), restored.Facts.Select(f => f.GetType()));
        Assert.Equal(c.Facts, restored.Facts);
        Assert.Equal(c.Evaluation.Circumstances.Select(e => e.Summary), restored.Evaluation.Circumstances.Select(e => e.Summary));
    }

    [Fact]
    public void RoundTrip_PreservesOverridesSupersededFindingsReturnedLevelsAndDissent()
    {
        var s = CaseScenario.At(CaseStatus.UnderReview);
        s.Case.ReturnForSupplementaryInvestigation(FirstReviewer, [TraceBackLevel.SecurityLead], "证据不足", T0.AddDays(30));
        s.Case.RecordFindings(TraceBackLevel.SecurityLead, [NotResponsible(s.Org.SecurityLead, "已书面督促")]);
        s.CompleteTraceBack();
        s.Determine(new DecisionRecord(true, [s.Org.MainLead, s.Org.SecurityLead, s.Org.Deputy1, s.Org.Deputy2], [s.Org.Deputy2], "党委会"));
        s.Case.OverrideResponsibility(s.Org.Deputy2, ResponsibilityKind.None, "会上明确反对", LeadInvestigator, T0.AddDays(35));

        var restored = Case.Restore(SnapshotJson.Deserialize(s.Case.Json()));

        Assert.Equal(s.Case.Json(), restored.Json());
        var deputy2 = restored.Responsibilities.Single(r => r.Person == s.Org.Deputy2);
        Assert.True(deputy2.Dissented);
        Assert.Equal(ResponsibilityKind.ImportantLeadership, deputy2.Derived);
        Assert.Equal(ResponsibilityKind.None, deputy2.Effective);
        Assert.Equal(2, restored.Chain![TraceBackLevel.SecurityLead].Round);
        Assert.Single(restored.Chain[TraceBackLevel.SecurityLead].Superseded);
        Assert.Equal([TraceBackLevel.SecurityLead], restored.Reviews.Single(r => r.Outcome == ReviewOutcome.Returned).ReturnedLevels);
    }

    [Fact]
    public void RoundTrip_OfARejectedCase_KeepsTheReason()
    {
        var c = new CaseScenario().Case;
        c.Reject("不属于本办法管辖");

        AssertRoundTrip(c);
        Assert.Equal("不属于本办法管辖", Case.Restore(SnapshotJson.Deserialize(c.Json())).RejectionReason);
    }

    [Fact]
    public void RestoredCase_ContinuesWhereTheOriginalStopped()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);
        var restored = Case.Restore(SnapshotJson.Deserialize(s.Case.Json()));

        Assert.Throws<DomainException>(() => restored.Approve(FirstReviewer, T0.AddDays(31)));
        restored.Approve(SecondReviewer, T0.AddDays(31));

        Assert.Equal(CaseStatus.AwaitingDecision, restored.Status);
    }

    [Fact]
    public void Snapshot_IsIndependentOfTheCase()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);
        var snapshot = s.Case.ToSnapshot();
        var json = SnapshotJson.Serialize(snapshot);

        s.HearAll().CompleteHearing();

        Assert.Equal(json, SnapshotJson.Serialize(snapshot));
    }

    /// <summary>The snapshot is what persistence writes and reads back: with only the polymorphic facts configured, it round-trips.</summary>
    [Fact]
    public void Snapshot_RoundTripsWithOnlyThePolymorphismConfigured()
    {
        var c = CaseScenario.At(CaseStatus.Closed).Case;
        var json = SnapshotJson.Serialize(c.ToSnapshot());

        var restored = Case.Restore(SnapshotJson.Deserialize(json));

        Assert.Equal(json, SnapshotJson.Serialize(restored.ToSnapshot()));
    }

    [Fact]
    public void Json_NamesTheConcreteFactsType()
    {
        var json = new CaseScenario(facts: EveryKindOfFacts).Case.Json();

        Assert.All(SnapshotJson.FactsTypes, t => Assert.Contains($"\"$facts\": \"{t.Name}\"", json));
    }
}
