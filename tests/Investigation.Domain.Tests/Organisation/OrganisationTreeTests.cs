using Investigation.Domain.Organisation;
using Investigation.Domain.Tests.Support;

namespace Investigation.Domain.Tests.Organisation;

/// <summary>The shape of the organisation: levels, the subtree a user sees, leadership teams.</summary>
public class OrganisationTreeTests
{
    private readonly DemoOrganisation org = new();

    [Fact]
    public void Subtree_OfPrefecture_ContainsItselfAndEveryUnitBelow_AndNothingAbove()
    {
        var ids = org.Tree.Subtree(org.Prefecture).Select(u => u.Id).ToHashSet();

        Assert.Equal(
            new[] { org.Prefecture, org.PrefectureOffice, org.PowerCompany, org.WaterCompany, org.PrefectureGovernmentOffice, org.County, org.CountyNewsCentre }.ToHashSet(),
            ids);
    }

    [Fact]
    public void IsWithin_HoldsForSelfAndDescendants_NotForSiblingsOrAncestors()
    {
        Assert.True(org.Tree.IsWithin(org.CountyNewsCentre, org.Prefecture));
        Assert.True(org.Tree.IsWithin(org.CountyNewsCentre, org.Province));
        Assert.True(org.Tree.IsWithin(org.Prefecture, org.Prefecture));
        Assert.False(org.Tree.IsWithin(org.Prefecture, org.CountyNewsCentre));
        Assert.False(org.Tree.IsWithin(org.PowerCompany, org.County));
    }

    [Fact]
    public void AddUnit_AtHigherLevelThanItsParent_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            org.Tree.AddUnit(UnitId.New(), "省级单位", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Provincial, org.County));

        Assert.Contains("higher level than its parent", ex.Message);
        Assert.DoesNotContain(org.Tree.Units, u => u.Name == "省级单位");
    }

    [Fact]
    public void AddUnit_AtTheSameLevelAsItsParent_IsAccepted()
    {
        var id = org.AddUnit(org.County, "县委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.County);

        Assert.Equal(org.County, org.Unit(id).ParentId);
    }

    [Fact]
    public void AddUnit_SecondRoot_IsRefused()
    {
        Assert.Throws<DomainException>(() =>
            org.Tree.AddUnit(UnitId.New(), "另一个省委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.Provincial));
    }

    [Fact]
    public void AddUnit_IndustryRegulatorWithoutIndustry_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            org.Tree.AddUnit(UnitId.New(), "某监管局", UnitKind.IndustryRegulator, AdministrativeLevel.Prefecture, org.Prefecture, " "));

        Assert.Contains("Article 4", ex.Message);
    }

    [Fact]
    public void LeadershipTeam_MemberListedTwice_IsRefused()
    {
        var ex = Assert.Throws<DomainException>(() =>
            new LeadershipTeam(org.MainLead, org.SecurityLead, [org.Deputy1, org.Deputy1]));

        Assert.Contains("listed twice", ex.Message);
    }

    [Fact]
    public void LeadershipTeam_LeadRepeatedAmongOtherMembers_IsRefused()
    {
        Assert.Throws<DomainException>(() => new LeadershipTeam(org.MainLead, org.SecurityLead, [org.MainLead]));
        Assert.Throws<DomainException>(() => new LeadershipTeam(org.MainLead, org.SecurityLead, [org.SecurityLead]));
    }

    [Fact]
    public void LeadershipTeam_OnePersonAsMainAndSecurityLead_CountsOnce()
    {
        var team = new LeadershipTeam(org.MainLead, org.MainLead, [org.Deputy1]);

        Assert.Equal([org.MainLead, org.Deputy1], team.Members);
    }

    [Fact]
    public void SetLeadership_WithMemberOfAnotherUnit_IsRefused_AndKeepsTheOldTeam()
    {
        var before = org.PowerCompanyTeam;

        var ex = Assert.Throws<DomainException>(() =>
            org.Tree.SetLeadership(org.PowerCompany, new LeadershipTeam(org.MainLead, org.SecurityLead, [org.PrefectureOfficeHead])));

        Assert.Contains("does not belong to", ex.Message);
        Assert.Equal(before!.Members, org.PowerCompanyTeam!.Members);
    }

    [Fact]
    public void AddPerson_ToUnknownUnit_OrWithUnknownManagingOrganisation_IsRefused()
    {
        Assert.Throws<DomainException>(() => org.Tree.AddPerson(PersonId.New(), "某人", "干部", UnitId.New(), org.Prefecture));
        Assert.Throws<DomainException>(() => org.Tree.AddPerson(PersonId.New(), "某人", "干部", org.PowerCompany, UnitId.New()));
    }

    [Fact]
    public void Head_OfADepartment_IsTheMainLeadOfItsLeadership()
    {
        Assert.Equal(org.EnergyRegulatorHead, org.Unit(org.EnergyRegulator).Head);
        Assert.Null(org.Unit(org.DisciplineCommittee).Head);
    }
}
