using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8(2), item (二): 地市级以上党政机关门户网站或者重点新闻网站受到攻击后没有及时组织处置，且瘫痪6小时以上的.</summary>
public class PortalParalysisTests
{
    private static readonly DateTimeOffset Down = new(2024, 5, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static PortalParalysisFacts Facts(TimeSpan outage, SiteKind site = SiteKind.PartyOrGovernmentPortal,
        AdministrativeLevel level = AdministrativeLevel.Prefecture, bool attacked = true, bool disposalInTime = false) =>
        new(site, level, attacked, disposalInTime, Down, Down + outage, Down.AddDays(2));

    private static ClauseResult DurationClause(CircumstanceEvaluation e) => e.Clauses.Single(c => c.Clause.Zh == "瘫痪6小时以上");
    private static ClauseResult SiteClause(CircumstanceEvaluation e) => e.Clauses[0];

    [Fact]
    public void PortalParalysis_AtExactlySixHours_IsMet()
    {
        var evaluation = Facts(TimeSpan.FromHours(6)).Evaluate();

        Assert.True(evaluation.Met);
        Assert.True(DurationClause(evaluation).Satisfied);
        Assert.Contains("以上", DurationClause(evaluation).Reason.Zh);
    }

    [Fact]
    public void PortalParalysis_AtFiveHoursFiftyNineMinutesFiftyNineSeconds_IsNotMet()
    {
        var evaluation = Facts(new TimeSpan(5, 59, 59)).Evaluate();

        Assert.False(evaluation.Met);
        Assert.False(DurationClause(evaluation).Satisfied);
        Assert.Contains("不足6小时", DurationClause(evaluation).Reason.Zh);
    }

    [Fact]
    public void PortalParalysis_AtSixHoursAndOneSecond_IsMet()
    {
        Assert.True(Facts(new TimeSpan(6, 0, 1)).Evaluate().Met);
    }

    /// <summary>
    /// The reason a user reads must not contradict the finding: an outage one second short of six
    /// hours must not be described as "paralysed for 6 hours … under 6 hours".
    /// </summary>
    [Fact]
    public void PortalParalysis_JustUnderSixHours_ReasonDoesNotStateSixHours()
    {
        var reason = DurationClause(Facts(new TimeSpan(5, 59, 59)).Evaluate()).Reason;

        Assert.DoesNotContain("瘫痪6小时", reason.Zh);
        Assert.DoesNotContain("Paralysed for 6 hours", reason.En);
    }

    [Fact]
    public void PortalParalysis_OngoingOutage_IsMeasuredToAsOf()
    {
        var facts = new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Prefecture, true, false,
            Down, restoredAt: null, asOf: Down.AddHours(7));

        var evaluation = facts.Evaluate();

        Assert.Equal(TimeSpan.FromHours(7), facts.Outage);
        Assert.True(evaluation.Met);
        Assert.Contains("尚未恢复", DurationClause(evaluation).Reason.Zh);
        Assert.Contains("not yet restored", DurationClause(evaluation).Reason.En);
    }

    [Fact]
    public void PortalParalysis_OngoingOutageAssessedTooEarly_IsNotMetYet()
    {
        var facts = new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Prefecture, true, false,
            Down, restoredAt: null, asOf: Down.AddHours(2));

        Assert.False(facts.Evaluate().Met);
    }

    [Fact]
    public void PortalParalysis_RestoredOutage_IgnoresAsOf()
    {
        var facts = new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal, AdministrativeLevel.Prefecture, true, false,
            Down, Down.AddHours(3), Down.AddDays(10));

        Assert.Equal(TimeSpan.FromHours(3), facts.Outage);
        Assert.False(facts.Evaluate().Met);
    }

    [Theory]
    [InlineData(AdministrativeLevel.Prefecture)]
    [InlineData(AdministrativeLevel.Provincial)]
    [InlineData(AdministrativeLevel.Central)]
    public void PortalParalysis_OrganPortalAtOrAbovePrefecture_IsMet(AdministrativeLevel level)
    {
        var evaluation = Facts(TimeSpan.FromHours(8), level: level).Evaluate();

        Assert.True(evaluation.Met);
        Assert.True(SiteClause(evaluation).Satisfied);
    }

    [Theory]
    [InlineData(AdministrativeLevel.County)]
    [InlineData(AdministrativeLevel.Township)]
    public void PortalParalysis_OrganPortalBelowPrefecture_IsNotMet_WithTheSiteClauseAsReason(AdministrativeLevel level)
    {
        var evaluation = Facts(TimeSpan.FromHours(8), level: level).Evaluate();

        Assert.False(evaluation.Met);
        var site = SiteClause(evaluation);
        Assert.False(site.Satisfied);
        Assert.Contains("低于地市级", site.Reason.Zh);
        Assert.Contains("below the prefecture level", site.Reason.En);
        Assert.Contains("低于地市级", evaluation.Summary.Zh);
        // The other clauses are still evaluated and explained.
        Assert.All(evaluation.Clauses.Skip(1), c => Assert.True(c.Satisfied));
    }

    [Fact]
    public void PortalParalysis_KeyNewsWebsiteAtCountyLevel_IsMet()
    {
        Assert.True(Facts(TimeSpan.FromHours(6), SiteKind.KeyNewsWebsite, AdministrativeLevel.County).Evaluate().Met);
    }

    [Fact]
    public void PortalParalysis_LargePlatform_IsNotACircumstance2Site()
    {
        var evaluation = Facts(TimeSpan.FromHours(10), SiteKind.LargeNetworkPlatform, AdministrativeLevel.Central).Evaluate();

        Assert.False(evaluation.Met);
        Assert.Contains("不属于党政机关门户网站或重点新闻网站", SiteClause(evaluation).Reason.Zh);
    }

    [Fact]
    public void PortalParalysis_DisposalOrganisedInTime_IsNotMet()
    {
        var evaluation = Facts(TimeSpan.FromHours(12), disposalInTime: true).Evaluate();

        Assert.False(evaluation.Met);
        Assert.Contains(evaluation.Clauses, c => !c.Satisfied && c.Reason.Zh == "已及时组织处置。");
    }

    [Fact]
    public void PortalParalysis_NotAttacked_IsNotMet()
    {
        Assert.False(Facts(TimeSpan.FromHours(12), attacked: false).Evaluate().Met);
    }

    [Fact]
    public void PortalParalysis_RestoredBeforeItWentDown_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal,
            AdministrativeLevel.Prefecture, true, false, Down, Down.AddSeconds(-1), Down.AddDays(1)));

        Assert.Contains("restored before", ex.Message);
    }

    [Fact]
    public void PortalParalysis_OngoingOutageAssessedBeforeItBegan_IsRefused()
    {
        Assert.Throws<DomainException>(() => new PortalParalysisFacts(SiteKind.PartyOrGovernmentPortal,
            AdministrativeLevel.Prefecture, true, false, Down, null, Down.AddMinutes(-1)));
    }

    [Fact]
    public void PortalParalysis_ClausesFollowTheText_InOrder()
    {
        var clauses = Facts(TimeSpan.FromHours(6)).Evaluate().Clauses.Select(c => c.Clause.Zh);

        Assert.Equal(["地市级以上党政机关门户网站或者重点新闻网站", "受到攻击", "没有及时组织处置", "瘫痪6小时以上"], clauses);
    }
}
