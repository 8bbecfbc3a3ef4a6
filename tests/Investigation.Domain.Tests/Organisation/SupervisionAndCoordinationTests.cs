using Investigation.Domain.Organisation;
using Investigation.Domain.Tests.Support;

namespace Investigation.Domain.Tests.Organisation;

/// <summary>Article 4: who supervises a unit; Article 5: who coordinates.</summary>
public class SupervisionAndCoordinationTests
{
    private readonly DemoOrganisation org = new();

    [Fact]
    public void SupervisingDepartment_OfUnitWithRegulatedIndustry_IsTheRegulatorFoundInARegionAbove()
    {
        var supervising = org.Tree.SupervisingDepartmentOf(org.PowerCompany);

        Assert.Equal(org.EnergyRegulator, supervising.Department.Id);
        Assert.Equal(SupervisionBasis.IndustryRegulator, supervising.Basis);
        Assert.Contains("省能源局", supervising.Reason.Zh);
        Assert.Contains("省能源局", supervising.Reason.En);
        Assert.Contains("第四条", supervising.Citation.Provision);
    }

    [Fact]
    public void SupervisingDepartment_PrefersTheRegulatorOfTheUnitsOwnRegion_OverOneFurtherUp()
    {
        var localRegulator = org.AddUnit(org.Prefecture, "市能源局", UnitKind.IndustryRegulator, AdministrativeLevel.Prefecture, "Energy");

        var supervising = org.Tree.SupervisingDepartmentOf(org.PowerCompany);

        Assert.Equal(localRegulator, supervising.Department.Id);
        Assert.Equal(SupervisionBasis.IndustryRegulator, supervising.Basis);
    }

    [Fact]
    public void SupervisingDepartment_OfIndustryWithoutRegulator_IsTheRegionsLeadingBody()
    {
        var supervising = org.Tree.SupervisingDepartmentOf(org.WaterCompany);

        Assert.Equal(org.PrefectureOffice, supervising.Department.Id);
        Assert.Equal(SupervisionBasis.RegionalLeadingBody, supervising.Basis);
        Assert.Contains("没有主管监管部门", supervising.Reason.Zh);
        Assert.Contains("no regulator", supervising.Reason.En);
    }

    [Fact]
    public void SupervisingDepartment_OfUnitWithoutIndustry_IsTheRegionsLeadingBody()
    {
        var supervising = org.Tree.SupervisingDepartmentOf(org.PrefectureGovernmentOffice);

        Assert.Equal(org.PrefectureOffice, supervising.Department.Id);
        Assert.Equal(SupervisionBasis.RegionalLeadingBody, supervising.Basis);
        Assert.Contains("未登记所属行业", supervising.Reason.Zh);
        Assert.Contains("no recorded industry", supervising.Reason.En);
    }

    [Fact]
    public void SupervisingDepartment_InRegionWithoutOffice_IsTheRegionalCommitteeItself()
    {
        var supervising = org.Tree.SupervisingDepartmentOf(org.CountyNewsCentre);

        Assert.Equal(org.County, supervising.Department.Id);
        Assert.Equal(SupervisionBasis.RegionalLeadingBody, supervising.Basis);
    }

    [Fact]
    public void CoordinatingDepartment_IsTheOfficeOfTheUnitsRegion()
    {
        Assert.Equal(org.PrefectureOffice, org.Tree.CoordinatingDepartmentOf(org.PowerCompany)?.Id);
        Assert.Equal(org.ProvinceOffice, org.Tree.CoordinatingDepartmentOf(org.EnergyRegulator)?.Id);
    }

    [Fact]
    public void CoordinatingDepartment_OfRegionWithoutOffice_IsTheNearestOfficeAbove()
    {
        Assert.Equal(org.PrefectureOffice, org.Tree.CoordinatingDepartmentOf(org.CountyNewsCentre)?.Id);
    }

    [Fact]
    public void RegionOf_RegionalCommittee_IsItself_AndOfAUnit_IsTheNearestCommitteeAbove()
    {
        Assert.Equal(org.County, org.Tree.RegionOf(org.County).Id);
        Assert.Equal(org.Prefecture, org.Tree.RegionOf(org.PowerCompany).Id);
        Assert.Equal(org.County, org.Tree.RegionOf(org.CountyNewsCentre).Id);
    }
}
