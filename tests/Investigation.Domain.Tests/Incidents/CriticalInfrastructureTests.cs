using Investigation.Domain.Incidents;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8(2), item (四): 关键信息基础设施遭受网络攻击，没有及时处置导致……（三种后果之一）.</summary>
public class CriticalInfrastructureTests
{
    private static CriticalInfrastructureFacts Infrastructure(bool cii = true, bool attacked = true, bool handled = false,
        bool people = true, bool loss = false, bool social = false) => new(cii, attacked, handled, people, loss, social);

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void CriticalInfrastructure_AttackedNotHandled_WithAnyOfTheThreeEffects_IsMet(bool people, bool loss, bool social)
    {
        Assert.True(Infrastructure(people: people, loss: loss, social: social).Evaluate().Met);
    }

    [Fact]
    public void CriticalInfrastructure_WithoutAnyEffect_IsNotMet()
    {
        var evaluation = Infrastructure(people: false).Evaluate();

        Assert.False(evaluation.Met);
        Assert.Equal("未认定上述任一后果。", evaluation.Clauses[3].Reason.Zh);
    }

    [Fact]
    public void CriticalInfrastructure_NotRecognisedAsCii_IsNotMet() => Assert.False(Infrastructure(cii: false).Evaluate().Met);

    [Fact]
    public void CriticalInfrastructure_NotAttacked_IsNotMet() => Assert.False(Infrastructure(attacked: false).Evaluate().Met);

    [Fact]
    public void CriticalInfrastructure_HandledInTime_IsNotMet() => Assert.False(Infrastructure(handled: true).Evaluate().Met);
}
