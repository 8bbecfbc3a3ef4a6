using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.TraceBack;

/// <summary>逐级倒查: levels 1 to 3 in order, each with its findings based on evidence.</summary>
public class TraceBackChainTests
{
    private readonly DemoOrganisation org = new();
    private readonly TraceBackChain chain;

    public TraceBackChainTests() => chain = TraceBackChain.Start(org.Tree, org.PowerCompany, new DateOnly(2026, 3, 1));

    [Fact]
    public void Start_OpensLevel1_AndNamesTheSecurityAndMainLeadsAsSubjectsOfLevels2And3()
    {
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.PartyConcerned].Status);
        Assert.Equal(LevelStatus.Pending, chain[TraceBackLevel.SecurityLead].Status);
        Assert.Equal(LevelStatus.Pending, chain[TraceBackLevel.MainLead].Status);
        Assert.Equal(LevelStatus.Pending, chain[TraceBackLevel.CoordinatingSupervisingHead].Status);
        Assert.Equal([org.SecurityLead], chain[TraceBackLevel.SecurityLead].Subjects);
        Assert.Equal([org.MainLead], chain[TraceBackLevel.MainLead].Subjects);
        Assert.False(chain.IsComplete);
    }

    [Fact]
    public void Start_ForUnitWithoutLeadershipTeam_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => TraceBackChain.Start(org.Tree, org.WaterCompany, new DateOnly(2026, 3, 1)));

        Assert.Contains("no leadership team", ex.Message);
    }

    [Fact]
    public void Level2_BeforeLevel1_IsRefused_WithAMessageSayingLevelByLevel()
    {
        var ex = Assert.Throws<DomainException>(() =>
            chain.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(org.SecurityLead)]));

        Assert.Contains("level by level", ex.Message);
        Assert.Empty(chain[TraceBackLevel.SecurityLead].Findings);
    }

    [Fact]
    public void Level3_BeforeLevel2_IsRefused()
    {
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);

        var ex = Assert.Throws<DomainException>(() => chain.RecordFindings(TraceBackLevel.MainLead, [Responsible(org.MainLead)]));
        Assert.Contains("level by level", ex.Message);
    }

    [Fact]
    public void Level1Done_OpensLevel2_AndLevel2Done_OpensLevel3()
    {
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator), Responsible(org.Engineer)]);
        Assert.Equal(LevelStatus.Done, chain[TraceBackLevel.PartyConcerned].Status);
        Assert.Equal([org.Operator, org.Engineer], chain[TraceBackLevel.PartyConcerned].Subjects);
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.SecurityLead].Status);
        Assert.Equal(LevelStatus.Pending, chain[TraceBackLevel.MainLead].Status);

        chain.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(org.SecurityLead)]);
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.MainLead].Status);
    }

    [Fact]
    public void Level2_FindingForSomeoneElse_IsRefused()
    {
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);

        var ex = Assert.Throws<DomainException>(() => chain.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(org.Deputy1)]));
        Assert.Contains("exactly one finding", ex.Message);
    }

    [Fact]
    public void Level3_SubjectPlusAnExtraPerson_IsRefused()
    {
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);
        chain.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(org.SecurityLead)]);

        Assert.Throws<DomainException>(() =>
            chain.RecordFindings(TraceBackLevel.MainLead, [Responsible(org.MainLead), Responsible(org.Deputy1)]));
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.MainLead].Status);
    }

    [Fact]
    public void Level1_TwoFindingsForOnePerson_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator), NotResponsible(org.Operator)]));

        Assert.Contains("one finding per level", ex.Message);
    }

    [Fact]
    public void Level_WithoutFindings_IsRefused()
    {
        Assert.Throws<DomainException>(() => chain.RecordFindings(TraceBackLevel.PartyConcerned, []));
        Assert.Equal(LevelStatus.Open, chain[TraceBackLevel.PartyConcerned].Status);
    }

    [Fact]
    public void DoneLevel_CannotBeRecordedAgain_WithoutReopening()
    {
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);

        var ex = Assert.Throws<DomainException>(() => chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Engineer)]));
        Assert.Contains("reopen", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Finding_WithoutEvidence_IsRefused(int blankItems)
    {
        var evidence = Enumerable.Repeat("  ", blankItems).ToList();

        var ex = Assert.Throws<DomainException>(() => new Finding(org.Operator, true, "未落实值班制度", evidence));

        Assert.Contains("evidence", ex.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Finding_NotResponsibleWithoutReason_IsRefused(string? reason)
    {
        var ex = Assert.Throws<DomainException>(() => new Finding(org.Operator, false, "核查履职情况", ["履职记录"], reasonNotResponsible: reason));

        Assert.Contains("reason", ex.Message);
    }

    [Fact]
    public void Finding_NotResponsibleButFailedADuty_IsRefused()
    {
        Assert.Throws<DomainException>(() => new Finding(org.Operator, false, "核查", ["记录"],
            Investigation.Domain.Incidents.Article3Duty.EducationAndTalent, "已履职"));
    }

    [Fact]
    public void Finding_WithoutFacts_IsRefused()
    {
        Assert.Throws<DomainException>(() => new Finding(org.Operator, true, " ", ["询问笔录"]));
    }

    [Fact]
    public void Finding_NotResponsible_KeepsItsReason_AndTrimsEvidence()
    {
        var finding = new Finding(org.Operator, false, "核查履职情况", [" 履职记录 ", "履职记录", "值班表"], reasonNotResponsible: " 当日不在岗 ");

        Assert.Equal("当日不在岗", finding.ReasonNotResponsible);
        Assert.Equal(["履职记录", "值班表"], finding.Evidence);
    }

    [Fact]
    public void Chain_AllThreeLevelsDoneButCoordinationNotAssessed_IsNotComplete()
    {
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);
        chain.RecordFindings(TraceBackLevel.SecurityLead, [NotResponsible(org.SecurityLead)]);
        chain.RecordFindings(TraceBackLevel.MainLead, [Responsible(org.MainLead)]);

        Assert.False(chain.IsComplete);
        Assert.Equal(3, chain.CurrentFindings.Count());
    }
}
