using Investigation.Domain.Incidents;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8(2), item (一): 党政机关门户网站、重点新闻网站、大型网络平台被攻击篡改，导致……违法有害信息大面积扩散，且没有及时报告和组织处置的.</summary>
public class PortalTamperingTests
{
    private static PortalTamperingFacts Tampering(SiteKind site = SiteKind.PartyOrGovernmentPortal, bool tampered = true,
        bool spread = true, bool reported = false, bool disposal = false) => new(site, tampered, spread, reported, disposal);

    [Fact]
    public void Tampering_NeitherReportedNorHandled_IsMet()
    {
        var evaluation = Tampering().Evaluate();

        Assert.True(evaluation.Met);
        Assert.Equal("既没有及时报告，也没有及时组织处置。", evaluation.Clauses[3].Reason.Zh);
    }

    [Fact]
    public void Tampering_ReportedInTimeButNotHandled_IsMet()
    {
        var evaluation = Tampering(reported: true).Evaluate();

        Assert.True(evaluation.Met);
        Assert.Contains("虽及时报告", evaluation.Clauses[3].Reason.Zh);
    }

    [Fact]
    public void Tampering_HandledButNotReportedInTime_IsMet()
    {
        var evaluation = Tampering(disposal: true).Evaluate();

        Assert.True(evaluation.Met);
        Assert.Contains("没有及时报告", evaluation.Clauses[3].Reason.Zh);
    }

    [Fact]
    public void Tampering_ReportedAndHandledInTime_IsNotMet()
    {
        var evaluation = Tampering(reported: true, disposal: true).Evaluate();

        Assert.False(evaluation.Met);
        Assert.Equal("已及时报告并组织处置。", evaluation.Clauses[3].Reason.Zh);
    }

    [Theory]
    [InlineData(SiteKind.PartyOrGovernmentPortal)]
    [InlineData(SiteKind.KeyNewsWebsite)]
    [InlineData(SiteKind.LargeNetworkPlatform)]
    public void Tampering_OfEachNamedSite_IsMet(SiteKind site) => Assert.True(Tampering(site).Evaluate().Met);

    [Fact]
    public void Tampering_OfOtherSite_IsNotMet()
    {
        var evaluation = Tampering(SiteKind.OtherSite).Evaluate();

        Assert.False(evaluation.Met);
        Assert.False(evaluation.Clauses[0].Satisfied);
    }

    [Fact]
    public void Tampering_WithoutWideSpread_IsNotMet() => Assert.False(Tampering(spread: false).Evaluate().Met);

    [Fact]
    public void Tampering_WithoutTampering_IsNotMet() => Assert.False(Tampering(tampered: false).Evaluate().Met);
}
