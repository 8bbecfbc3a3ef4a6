using Investigation.Domain.Organisation;
using Investigation.Domain.Tests.Support;
using Investigation.Domain.TraceBack;

namespace Investigation.Domain.Tests.Organisation;

/// <summary>Leadership teams carry dates, and a trace-back reads the team of the incident's date.</summary>
public sealed class LeadershipHistoryTests
{
    private readonly DemoOrganisation org = new();
    private static readonly DateOnly Incident = new(2026, 5, 10);

    private void NewMainLeadFrom(DateOnly from) =>
        org.Tree.ChangeLeadership(org.PowerCompany, new LeadershipTeam(org.Deputy1, org.SecurityLead, [org.Deputy2]), from);

    [Fact]
    public void TraceBack_AfterAChangeDatedAfterTheIncident_TracesTheTeamInOfficeOnTheIncidentsDate()
    {
        NewMainLeadFrom(Incident.AddDays(1));

        var chain = TraceBackChain.Start(org.Tree, org.PowerCompany, Incident);

        Assert.Equal([org.MainLead], chain[TraceBackLevel.MainLead].Subjects);
        Assert.Equal(org.Deputy1, org.Tree.Unit(org.PowerCompany).Leadership!.MainLead);
        Assert.Contains(chain.Applied!.Appointments, a => a.Person == org.MainLead && a.To == Incident);
        Assert.Contains("2026-05-10", chain.Applied.Reason.Zh);
    }

    [Fact]
    public void TraceBack_AfterAChangeDatedOnOrBeforeTheIncident_TracesTheNewTeam()
    {
        NewMainLeadFrom(Incident);

        var chain = TraceBackChain.Start(org.Tree, org.PowerCompany, Incident);

        Assert.Equal([org.Deputy1], chain[TraceBackLevel.MainLead].Subjects);
        Assert.Equal(org.Deputy1, chain.Applied!.Team().MainLead);
        Assert.DoesNotContain(chain.Applied.Team().Members, m => m == org.MainLead);
    }

    [Fact]
    public void ChangeLeadership_DatedBeforeTheLatestChange_IsRefused_AndRewritesNothing()
    {
        NewMainLeadFrom(Incident);
        var before = org.Tree.Unit(org.PowerCompany).Appointments.ToList();

        var ex = Assert.Throws<DomainException>(() =>
            org.Tree.ChangeLeadership(org.PowerCompany, new LeadershipTeam(org.MainLead, org.SecurityLead), Incident.AddDays(-3)));

        Assert.Contains("不能改写", ex.Text.Zh);
        Assert.Equal(before, org.Tree.Unit(org.PowerCompany).Appointments);
    }

    [Fact]
    public void TraceBack_OnADayWithoutATeam_SaysWhichDay()
    {
        var head = org.Tree.AddPerson(PersonId.New(), "周总", "总经理", org.WaterCompany, org.Prefecture).Id;
        org.Tree.Appoint(org.WaterCompany, new Appointment(head, LeadershipRole.MainLead, new DateOnly(2027, 1, 1)));
        org.Tree.Appoint(org.WaterCompany, new Appointment(head, LeadershipRole.SecurityLead, new DateOnly(2027, 1, 1)));

        var ex = Assert.Throws<DomainException>(() => TraceBackChain.Start(org.Tree, org.WaterCompany, Incident));

        Assert.Contains("2026-05-10", ex.Text.Zh);
    }

    [Fact]
    public void RetirePerson_StillInOffice_IsRefused_AfterLeavingIsKeptOnRecord()
    {
        Assert.Throws<DomainException>(() => org.Tree.RetirePerson(org.MainLead));

        NewMainLeadFrom(Incident);
        org.Tree.RetirePerson(org.MainLead);

        Assert.True(org.Tree.Person(org.MainLead).Retired);
        Assert.Equal([org.MainLead], TraceBackChain.Start(org.Tree, org.PowerCompany, Incident.AddDays(-1))[TraceBackLevel.MainLead].Subjects);
    }

    [Fact]
    public void RetireUnit_WithLiveUnitsBelow_IsRefused_ARetiredUnitTakesNoNewUnit()
    {
        Assert.Throws<DomainException>(() => org.Tree.RetireUnit(org.County));

        org.Tree.RetireUnit(org.CountyNewsCentre);
        org.Tree.RetireUnit(org.County);

        Assert.True(org.Tree.Unit(org.County).Retired);
        Assert.Throws<DomainException>(() => org.Tree.AddUnit(UnitId.New(), "县网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.County, org.County));
    }

    [Fact]
    public void MoveUnit_BelowItself_IsRefused_ElsewhereMovesItsSubtree()
    {
        Assert.Throws<DomainException>(() => org.Tree.MoveUnit(org.Prefecture, org.County));

        org.Tree.MoveUnit(org.CountyNewsCentre, org.Prefecture);

        Assert.Equal(org.Prefecture, org.Tree.Unit(org.CountyNewsCentre).ParentId);
        Assert.Contains(org.Tree.ChildrenOf(org.Prefecture), u => u.Id == org.CountyNewsCentre);
        Assert.DoesNotContain(org.Tree.ChildrenOf(org.County), u => u.Id == org.CountyNewsCentre);
    }

    [Fact]
    public void DescribeUnit_AboveItsParentsLevel_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() => org.Tree.DescribeUnit(org.County, UnitKind.RegionalPartyCommittee, AdministrativeLevel.Provincial, null));

        Assert.Contains("higher level", ex.Message);
        Assert.Equal(AdministrativeLevel.County, org.Tree.Unit(org.County).Level);
    }
}
