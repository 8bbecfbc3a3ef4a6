using Investigation.Domain.Incidents;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8(2), item (五): 封锁、瞒报……，拒不配合……，或者……不及时整改并造成严重后果的.</summary>
public class ConcealmentTests
{
    [Fact]
    public void Concealment_Alone_IsMet() => Assert.True(new ConcealmentFacts(true, false, false, false).Evaluate().Met);

    [Fact]
    public void Concealment_RefusalToCooperateAlone_IsMet() => Assert.True(new ConcealmentFacts(false, true, false, false).Evaluate().Met);

    [Fact]
    public void Concealment_NotRectifiedWithoutSeriousConsequences_IsNotMet()
    {
        var evaluation = new ConcealmentFacts(false, false, true, false).Evaluate();

        Assert.False(evaluation.Met);
        Assert.Contains("未造成严重后果", evaluation.Clauses[0].Reason.Zh);
    }

    [Fact]
    public void Concealment_NotRectifiedWithSeriousConsequences_IsMet()
    {
        var evaluation = new ConcealmentFacts(false, false, true, true).Evaluate();

        Assert.True(evaluation.Met);
        Assert.Contains("造成严重后果", evaluation.Clauses[0].Reason.Zh);
    }

    [Fact]
    public void Concealment_SeriousConsequencesWithoutAnyFailure_IsNotMet() =>
        Assert.False(new ConcealmentFacts(false, false, false, true).Evaluate().Met);
}
