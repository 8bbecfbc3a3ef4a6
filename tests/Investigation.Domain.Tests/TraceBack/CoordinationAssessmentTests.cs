using Investigation.Domain.Organisation;
using Investigation.Domain.TraceBack;
using Investigation.Domain.Tests.Support;
using static Investigation.Domain.Tests.Support.CaseScenario;

namespace Investigation.Domain.Tests.TraceBack;

/// <summary>协调监管不力的，还应当追究综合协调或监管部门负责人责任: level 4.</summary>
public class CoordinationAssessmentTests
{
    private readonly DemoOrganisation org = new();

    private TraceBackChain ChainWithLevels1To3(UnitId unit)
    {
        var chain = TraceBackChain.Start(org.Tree, unit, new DateOnly(2026, 3, 1));
        var team = org.Unit(unit).Leadership!;
        chain.RecordFindings(TraceBackLevel.PartyConcerned, [Responsible(org.Operator)]);
        chain.RecordFindings(TraceBackLevel.SecurityLead, [Responsible(team.SecurityLead)]);
        chain.RecordFindings(TraceBackLevel.MainLead, [Responsible(team.MainLead)]);
        return chain;
    }

    private static CoordinationAssessment Assessment(bool coordination, bool supervision) =>
        new(coordination, supervision, "网信办未开展检查；监管部门未督促整改。");

    [Fact]
    public void Effective_MakesLevel4NotApplicable_AndCompletesTheChain()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);

        chain.AssessCoordination(org.Tree, Effective);

        Assert.Equal(LevelStatus.NotApplicable, chain[TraceBackLevel.CoordinatingSupervisingHead].Status);
        Assert.Empty(chain[TraceBackLevel.CoordinatingSupervisingHead].Subjects);
        Assert.True(chain.IsComplete);
    }

    [Fact]
    public void Assessment_MayComeBeforeTheLevelsAreDone()
    {
        var chain = TraceBackChain.Start(org.Tree, org.PowerCompany, new DateOnly(2026, 3, 1));

        chain.AssessCoordination(org.Tree, Effective);

        Assert.False(chain.IsComplete);
        Assert.Equal(LevelStatus.NotApplicable, chain[TraceBackLevel.CoordinatingSupervisingHead].Status);
    }

    [Fact]
    public void IneffectiveCoordination_TracesTheHeadOfTheRegionsOffice()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);

        chain.AssessCoordination(org.Tree, Assessment(coordination: true, supervision: false));

        var level4 = chain[TraceBackLevel.CoordinatingSupervisingHead];
        Assert.Equal(LevelStatus.Open, level4.Status);
        Assert.Equal([org.PrefectureOfficeHead], level4.Subjects);
        Assert.False(chain.IsComplete);
    }

    [Fact]
    public void IneffectiveSupervision_OfUnitWithRegulator_TracesTheRegulatorsHead()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);

        chain.AssessCoordination(org.Tree, Assessment(coordination: false, supervision: true));

        Assert.Equal([org.EnergyRegulatorHead], chain[TraceBackLevel.CoordinatingSupervisingHead].Subjects);
    }

    [Fact]
    public void IneffectiveCoordinationAndSupervision_TracesBothHeads_AndCompletesWithTheirFindings()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);

        chain.AssessCoordination(org.Tree, Assessment(coordination: true, supervision: true));
        Assert.Equal([org.PrefectureOfficeHead, org.EnergyRegulatorHead], chain[TraceBackLevel.CoordinatingSupervisingHead].Subjects);

        chain.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead,
            [Responsible(org.PrefectureOfficeHead), NotResponsible(org.EnergyRegulatorHead)]);
        Assert.True(chain.IsComplete);
    }

    [Fact]
    public void IneffectiveSupervision_OfUnitWithoutRegulator_TracesTheOfficeHeadOnce()
    {
        var water = org.WaterCompany;
        var main = org.AddPerson(water, "水务书记");
        var security = org.AddPerson(water, "水务副总");
        org.Tree.SetLeadership(water, new LeadershipTeam(main, security));
        var chain = TraceBackChain.Start(org.Tree, water, new DateOnly(2026, 3, 1));

        chain.AssessCoordination(org.Tree, Assessment(coordination: true, supervision: true));

        Assert.Equal([org.PrefectureOfficeHead], chain[TraceBackLevel.CoordinatingSupervisingHead].Subjects);
    }

    [Fact]
    public void Level4Findings_BeforeTheAssessment_AreRefused()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);

        var ex = Assert.Throws<DomainException>(() =>
            chain.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(org.PrefectureOfficeHead)]));
        Assert.Contains("assessed as ineffective", ex.Message);
    }

    [Fact]
    public void Level4Findings_AfterAnEffectiveAssessment_AreRefused()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);
        chain.AssessCoordination(org.Tree, Effective);

        var ex = Assert.Throws<DomainException>(() =>
            chain.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(org.PrefectureOfficeHead)]));
        Assert.Contains("nobody is traced at level 4", ex.Message);
    }

    [Fact]
    public void Level4_FindingsMustCoverExactlyTheHeadsTraced()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);
        chain.AssessCoordination(org.Tree, Assessment(coordination: true, supervision: true));

        Assert.Throws<DomainException>(() =>
            chain.RecordFindings(TraceBackLevel.CoordinatingSupervisingHead, [Responsible(org.PrefectureOfficeHead)]));
    }

    [Fact]
    public void SecondAssessment_AfterAFinishedOne_IsRefused()
    {
        var chain = ChainWithLevels1To3(org.PowerCompany);
        chain.AssessCoordination(org.Tree, Effective);

        var ex = Assert.Throws<DomainException>(() => chain.AssessCoordination(org.Tree, Assessment(true, false)));
        Assert.Contains("assessed already", ex.Message);
    }

    [Fact]
    public void Assessment_WithoutReason_IsRefused()
    {
        Assert.Throws<DomainException>(() => new CoordinationAssessment(true, false, "  "));
    }

    /// <summary>
    /// A refused assessment (the regulator has no head on record) must leave the chain as it was, so
    /// that it can be assessed once the organisation is completed. It records the assessment before
    /// it finds the heads, and the chain is then stuck: level 4 is pending, so it can be neither
    /// reassessed ("assessed already") nor reopened ("not finished").
    /// </summary>
    [Fact]
    public void RefusedAssessment_LeavesTheChainUnassessed_SoItCanBeAssessedLater()
    {
        var headless = org.AddUnit(org.Prefecture, "市能源局", UnitKind.IndustryRegulator, AdministrativeLevel.Prefecture, DemoOrganisation.Energy);
        var chain = ChainWithLevels1To3(org.PowerCompany);

        Assert.Throws<DomainException>(() => chain.AssessCoordination(org.Tree, Assessment(coordination: false, supervision: true)));
        Assert.Null(chain.Assessment);

        var head = org.HeadOf(headless, PersonId.New(), "市能源局局长", org.Prefecture);
        chain.AssessCoordination(org.Tree, Assessment(coordination: false, supervision: true));
        Assert.Equal([head], chain[TraceBackLevel.CoordinatingSupervisingHead].Subjects);
    }
}
