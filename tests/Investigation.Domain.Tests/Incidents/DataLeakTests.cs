using Investigation.Domain.Incidents;

namespace Investigation.Domain.Tests.Incidents;

/// <summary>Article 8(2), item (三): 国家秘密泄露、大面积个人信息泄露或者大量……国家基础数据泄露.</summary>
public class DataLeakTests
{
    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void DataLeak_AnyOfTheThreeLeaks_IsMet(bool secrets, bool personal, bool basicData)
    {
        Assert.True(new DataLeakFacts(secrets, personal, basicData).Evaluate().Met);
    }

    [Fact]
    public void DataLeak_NoLeakFound_IsNotMet() => Assert.False(new DataLeakFacts(false, false, false).Evaluate().Met);

    [Fact]
    public void DataLeak_RecordsCountWithoutLargeScaleFinding_IsNotMet()
    {
        var evaluation = new DataLeakFacts(false, false, false, PersonalRecordsLeaked: 120_000).Evaluate();

        Assert.False(evaluation.Met);
        Assert.Contains("120000", evaluation.Clauses[0].Reason.Zh);
        Assert.Contains("未认定为大面积泄露", evaluation.Clauses[0].Reason.Zh);
        Assert.Contains("not found large-scale", evaluation.Clauses[0].Reason.En);
    }

    [Fact]
    public void DataLeak_LargeScaleWithRecordCount_StatesTheCountInTheReason()
    {
        var evaluation = new DataLeakFacts(false, true, false, 5_000_000).Evaluate();

        Assert.True(evaluation.Met);
        Assert.Contains("5000000", evaluation.Clauses[0].Reason.Zh);
    }
}
