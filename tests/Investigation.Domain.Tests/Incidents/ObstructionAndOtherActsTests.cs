using Investigation.Domain.Incidents;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8(2), items (六) obstruction of security organs and (七) other serious acts.</summary>
public class ObstructionAndOtherActsTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Obstruction_OrRefusalOfSupport_IsMet(bool obstructed, bool refused) =>
        Assert.True(new ObstructionFacts(obstructed, refused).Evaluate().Met);

    [Fact]
    public void Obstruction_NeitherFound_IsNotMet() => Assert.False(new ObstructionFacts(false, false).Evaluate().Met);

    [Fact]
    public void OtherSeriousAct_FoundSerious_IsMet_AndTheReasonQuotesTheDescription()
    {
        var evaluation = new OtherSeriousActFacts("私设境外跳板服务器", true).Evaluate();

        Assert.True(evaluation.Met);
        Assert.Contains("私设境外跳板服务器", evaluation.Clauses[0].Reason.Zh);
        Assert.Contains("私设境外跳板服务器", evaluation.Clauses[0].Reason.En);
    }

    [Fact]
    public void OtherSeriousAct_NotFoundSerious_IsNotMet() =>
        Assert.False(new OtherSeriousActFacts("弱口令", false).Evaluate().Met);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void OtherSeriousAct_WithoutDescription_IsRefused(string description)
    {
        var ex = Assert.Throws<DomainException>(() => new OtherSeriousActFacts(description, true));

        Assert.Contains("description", ex.Message);
    }
}
