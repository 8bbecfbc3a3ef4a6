using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8 as a whole: every circumstance listed and explained, and the basis of accountability.</summary>
public class Article8EvaluationTests
{
    private static readonly DateTimeOffset Down = new(2024, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>Facts for every circumstance, each once met and once not met.</summary>
    public static TheoryData<string, CircumstanceFacts> AllKindsOfFacts => new()
    {
        { "(1) met", new PortalTamperingFacts(SiteKind.KeyNewsWebsite, true, true, false, false) },
        { "(1) not met", new PortalTamperingFacts(SiteKind.OtherSite, false, false, true, true) },
        { "(2) met", new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Provincial, true, false, Down, Down.AddHours(9), Down.AddDays(1)) },
        { "(2) not met", new PortalParalysisFacts(SiteKind.OtherSite, AdministrativeLevel.County, false, true, Down, Down.AddHours(1), Down.AddDays(1)) },
        { "(2) not met, portal", new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Township, false, true, Down, null, Down.AddHours(1)) },
        { "(3) met", new DataLeakFacts(true, true, true, 10_000_000) },
        { "(3) not met", new DataLeakFacts(false, false, false) },
        { "(3) not met, counted", new DataLeakFacts(false, false, false, 300) },
        { "(4) met", new CriticalInfrastructureFacts(true, true, false, true, true, true) },
        { "(4) not met", new CriticalInfrastructureFacts(false, false, true, false, false, false) },
        { "(5) met", new ConcealmentFacts(true, true, true, true) },
        { "(5) not met", new ConcealmentFacts(false, false, true, false) },
        { "(6) met", new ObstructionFacts(false, true) },
        { "(6) not met", new ObstructionFacts(false, false) },
        { "(7) met", new OtherSeriousActFacts("向境外提供内网拓扑", true) },
        { "(7) not met", new OtherSeriousActFacts("测试账号未注销", false) },
    };

    [Theory]
    [MemberData(nameof(AllKindsOfFacts))]
    public void EveryClause_HasAReasonInChineseAndEnglish_AndTheEvaluationACitationInBoth(string label, CircumstanceFacts facts)
    {
        var evaluation = facts.Evaluate();

        Assert.NotEmpty(evaluation.Clauses);
        Assert.All(evaluation.Clauses, c =>
        {
            AssertBilingual(c.Clause, label);
            AssertBilingual(c.Reason, label);
        });
        Assert.Equal(facts.Circumstance, evaluation.Circumstance);
        Assert.Equal(evaluation.Clauses.All(c => c.Satisfied), evaluation.Met);
        AssertBilingual(evaluation.Citation.Text, label);
        Assert.Contains($"第（", evaluation.Citation.Provision);
        Assert.Contains($"item ({(int)facts.Circumstance})", evaluation.Citation.Provision);
        AssertBilingual(evaluation.Summary, label);
    }

    [Fact]
    public void EveryConcreteFactsType_IsCoveredByTheBilingualCheck()
    {
        var covered = AllKindsOfFacts.Select(row => row[1].GetType()).Distinct().ToHashSet();

        Assert.All(Support.Snapshots.FactsTypes, t => Assert.Contains(t, covered));
    }

    private static void AssertBilingual(BilingualText text, string label)
    {
        Assert.False(string.IsNullOrWhiteSpace(text.Zh), $"{label}: Chinese text missing");
        Assert.False(string.IsNullOrWhiteSpace(text.En), $"{label}: English text missing");
        Assert.True(text.Zh.Any(ch => ch is >= '\u4e00' and <= '\u9fff'), $"{label}: '{text.Zh}' is not Chinese");
        Assert.True(text.En.Any(char.IsAsciiLetter), $"{label}: '{text.En}' is not English");
    }

    [Fact]
    public void Evaluation_ListsAllSevenCircumstances_InOrder()
    {
        var evaluation = Article8Evaluation.Of([new DataLeakFacts(true, false, false)]);

        Assert.Equal(Enum.GetValues<Circumstance>(), evaluation.Circumstances.Select(c => c.Circumstance));
        Assert.Equal(7, evaluation.Circumstances.Count);
    }

    [Fact]
    public void Evaluation_CircumstanceWithoutFacts_IsNotMetForWantOfFacts()
    {
        var evaluation = Article8Evaluation.Of([new DataLeakFacts(true, false, false)]);

        var noFacts = evaluation.Circumstances.Single(c => c.Circumstance == Circumstance.ObstructionOfSecurityOrgans);
        Assert.False(noFacts.Met);
        var clause = Assert.Single(noFacts.Clauses);
        Assert.Contains("No facts", clause.Reason.En);
        Assert.Contains("未登记", clause.Reason.Zh);
        AssertBilingual(noFacts.Citation.Text, "no facts");
    }

    [Fact]
    public void Evaluation_DuplicateFactsForOneCircumstance_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => Article8Evaluation.Of(
            [new DataLeakFacts(true, false, false), new DataLeakFacts(false, true, false)]));

        Assert.Contains("recorded twice", ex.Message);
        Assert.Contains("item (3)", ex.Message);
    }

    [Fact]
    public void Evaluation_AnyCircumstanceMet_IsASeriousCircumstance_AndTraceBackIsMandatory()
    {
        var evaluation = Article8Evaluation.Of(
            [new DataLeakFacts(false, false, false), new ObstructionFacts(true, false)],
            [Article3Duty.SupportForSecurityOrgans]);

        Assert.Equal(AccountabilityBasis.SeriousCircumstance, evaluation.Basis);
        Assert.True(evaluation.TraceBackMandatory);
        Assert.Equal([Circumstance.ObstructionOfSecurityOrgans], evaluation.Met);
        Assert.Contains("第八条第二款第（六）项", evaluation.Conclusion.Zh);
        Assert.Contains("逐级倒查", evaluation.Conclusion.Zh);
    }

    [Fact]
    public void Evaluation_NoCircumstanceButAFailedDuty_IsADutyFailure_AndTraceBackIsNotMandatory()
    {
        var evaluation = Article8Evaluation.Of([new DataLeakFacts(false, false, false)],
            [Article3Duty.EducationAndTalent, Article3Duty.ResponsibilitySystemAndResources, Article3Duty.EducationAndTalent]);

        Assert.Equal(AccountabilityBasis.DutyFailure, evaluation.Basis);
        Assert.False(evaluation.TraceBackMandatory);
        Assert.Equal([Article3Duty.ResponsibilitySystemAndResources, Article3Duty.EducationAndTalent], evaluation.DutiesFailed);
        Assert.Contains("不强制逐级倒查", evaluation.Conclusion.Zh);
        Assert.Contains("第三条第（二）项", evaluation.Conclusion.Zh);
    }

    [Fact]
    public void Evaluation_NothingMetAndNoDutyFailed_HasNoBasis()
    {
        var evaluation = Article8Evaluation.Of([]);

        Assert.Equal(AccountabilityBasis.None, evaluation.Basis);
        Assert.All(evaluation.Circumstances, c => Assert.False(c.Met));
        Assert.False(evaluation.TraceBackMandatory);
    }

    [Fact]
    public void Paragraphs_AreCitedInBothLanguages()
    {
        AssertBilingual(Article8Evaluation.FirstParagraph.Text, "8(1)");
        AssertBilingual(Article8Evaluation.SecondParagraph.Text, "8(2)");
        Assert.Contains("逐级倒查", Article8Evaluation.SecondParagraph.Text.Zh);
    }
}
