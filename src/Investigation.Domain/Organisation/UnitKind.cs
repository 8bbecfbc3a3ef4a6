namespace Investigation.Domain.Organisation;

/// <summary>The kinds of unit the Measures treat differently.</summary>
public enum UnitKind
{
    /// <summary>A region's Party committee (地方党委): the root of a region's units.</summary>
    RegionalPartyCommittee,
    /// <summary>党政机关: a Party or government organ (its portal is the site of circumstances 1 and 2).</summary>
    PartyOrGovernmentOrgan,
    /// <summary>重点新闻网站.</summary>
    KeyNewsWebsite,
    /// <summary>大型网络平台.</summary>
    LargeNetworkPlatform,
    /// <summary>关键信息基础设施运营者.</summary>
    CriticalInfrastructureOperator,
    /// <summary>行业主管监管部门 (Article 4): supervises the units of one industry.</summary>
    IndustryRegulator,
    /// <summary>网络安全和信息化领导机构办公室: the coordinating department of a region.</summary>
    CyberspaceAffairsOffice,
    /// <summary>纪委（纪检组）.</summary>
    DisciplineInspectionCommittee,
    /// <summary>干部主管部门 (Article 10).</summary>
    CadreManagementDepartment,
}

public static class UnitKindExtensions
{
    public static BilingualText Name(this UnitKind kind) => kind switch
    {
        UnitKind.RegionalPartyCommittee => new("地方党委", "regional Party committee"),
        UnitKind.PartyOrGovernmentOrgan => new("党政机关", "Party or government organ"),
        UnitKind.KeyNewsWebsite => new("重点新闻网站", "key news website"),
        UnitKind.LargeNetworkPlatform => new("大型网络平台", "large network platform"),
        UnitKind.CriticalInfrastructureOperator => new("关键信息基础设施运营者", "critical information infrastructure operator"),
        UnitKind.IndustryRegulator => new("行业主管监管部门", "industry regulator"),
        UnitKind.CyberspaceAffairsOffice => new("网络安全和信息化领导机构办公室", "cyberspace affairs office"),
        UnitKind.DisciplineInspectionCommittee => new("纪委（纪检组）", "discipline inspection committee"),
        UnitKind.CadreManagementDepartment => new("干部主管部门", "cadre management department"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
