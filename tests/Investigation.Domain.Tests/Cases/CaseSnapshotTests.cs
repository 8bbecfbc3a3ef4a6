using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Domain.Responsibility;
using Investigation.Domain.Tests.Support;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Data;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.Cases;

/// <summary>Snapshot → JSON (production's <see cref="CaseJson"/>) → Restore preserves everything a case holds.</summary>
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
        var json = CaseJson.Serialize(original.ToSnapshot());

        var restored = Case.Restore(CaseJson.Deserialize(json));

        Assert.Equal(json, CaseJson.Serialize(restored.ToSnapshot()));
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

        var restored = Case.Restore(CaseJson.Deserialize(c.Json()));

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

        var restored = Case.Restore(CaseJson.Deserialize(s.Case.Json()));

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
        Assert.Equal("不属于本办法管辖", Case.Restore(CaseJson.Deserialize(c.Json())).RejectionReason);
    }

    [Fact]
    public void RestoredCase_ContinuesWhereTheOriginalStopped()
    {
        var s = CaseScenario.At(CaseStatus.AwaitingApproval);
        var restored = Case.Restore(CaseJson.Deserialize(s.Case.Json()));

        Assert.Throws<DomainException>(() => restored.Approve(FirstReviewer, T0.AddDays(31)));
        restored.Approve(SecondReviewer, T0.AddDays(31));

        Assert.Equal(CaseStatus.AwaitingDecision, restored.Status);
    }

    [Fact]
    public void Snapshot_IsIndependentOfTheCase()
    {
        var s = CaseScenario.At(CaseStatus.Hearing);
        var snapshot = s.Case.ToSnapshot();
        var json = CaseJson.Serialize(snapshot);

        s.HearAll().CompleteHearing();

        Assert.Equal(json, CaseJson.Serialize(snapshot));
    }

    [Fact]
    public void EveryKindOfFacts_CoversEveryConcreteFactsTypeOfTheDomain()
    {
        // A new facts type fails here until it is added above, and then fails the round-trips until CaseJson knows it.
        Assert.Equal(Snapshots.FactsTypes, EveryKindOfFacts.Select(f => f.GetType()).OrderBy(t => t.Name));
    }

    /// <summary>
    /// Every abstract type a snapshot holds, however deep, must name all its concrete types in CaseJson:
    /// otherwise a case holding the missing one is written without its kind, or not read back.
    /// </summary>
    [Fact]
    public void EveryPolymorphicTypeInASnapshot_HasAllItsConcreteTypesRegisteredInCaseJson()
    {
        var domain = typeof(Case).Assembly;
        var seen = new HashSet<Type>();
        var polymorphic = new List<Type>();
        var pending = new Queue<Type>([typeof(CaseSnapshot)]);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type)) continue;
            var info = CaseJson.Options.GetTypeInfo(type);
            if (type.Assembly == domain && (type.IsAbstract || type.IsInterface))
            {
                polymorphic.Add(type);
                var registered = info.PolymorphismOptions?.DerivedTypes.Select(d => d.DerivedType).ToHashSet() ?? [];
                var concrete = domain.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false } && type.IsAssignableFrom(t));
                Assert.All(concrete, t => Assert.True(registered.Contains(t), $"{t.Name} is a {type.Name} that CaseJson does not register."));
                foreach (var derived in registered) pending.Enqueue(derived);
            }
            foreach (var property in info.Properties) pending.Enqueue(property.PropertyType);
            if (info.ElementType is { } element) pending.Enqueue(element);
            if (info.KeyType is { } key) pending.Enqueue(key);
            if (Nullable.GetUnderlyingType(type) is { } underlying) pending.Enqueue(underlying);
        }

        Assert.Contains(typeof(CircumstanceFacts), polymorphic); // the walk reached the facts
    }

    [Fact]
    public void Json_NamesTheConcreteFactsType()
    {
        var json = new CaseScenario(facts: EveryKindOfFacts).Case.Json();

        Assert.All(Snapshots.FactsTypes, t => Assert.Contains($"\"$kind\":\"{t.Name.Replace("Facts", "")}\"", json));
    }
}
