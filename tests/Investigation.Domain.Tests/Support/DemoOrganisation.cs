using Investigation.Domain;
using Investigation.Domain.Organisation;

namespace Investigation.Domain.Tests.Support;

/// <summary>
/// A small organisation for tests:
/// <code>
/// 省委 Province (regional committee, provincial)
/// ├── 省委网信办 ProvinceOffice (cyberspace affairs office)       head: ProvinceOfficeHead
/// ├── 省能源局 EnergyRegulator (industry regulator, "energy")      head: EnergyRegulatorHead
/// ├── 省纪委 DisciplineCommittee
/// └── 市委 Prefecture (regional committee, prefecture)
///     ├── 市委网信办 PrefectureOffice                              head: PrefectureOfficeHead
///     ├── 市供电公司 PowerCompany (CII operator, "energy")          leadership: MainLead, SecurityLead, Deputy1, Deputy2
///     │                                                         staff: Operator, Engineer
///     ├── 市水务集团 WaterCompany (CII operator, "water": no regulator)
///     ├── 市政府办公厅 PrefectureGovernmentOffice (organ, no industry)
///     └── 县委 County (regional committee, county, no office of its own)
///         └── 县融媒体中心 CountyNewsCentre (key news website, "media": no regulator)
/// </code>
/// The cadres of the power company are managed by the prefecture committee; its staff by the company itself.
/// </summary>
public sealed class DemoOrganisation
{
    public const string Energy = "energy";

    public OrganisationTree Tree { get; } = new();

    public UnitId Province { get; } = UnitId.New();
    public UnitId ProvinceOffice { get; } = UnitId.New();
    public UnitId EnergyRegulator { get; } = UnitId.New();
    public UnitId DisciplineCommittee { get; } = UnitId.New();
    public UnitId Prefecture { get; } = UnitId.New();
    public UnitId PrefectureOffice { get; } = UnitId.New();
    public UnitId PowerCompany { get; } = UnitId.New();
    public UnitId WaterCompany { get; } = UnitId.New();
    public UnitId PrefectureGovernmentOffice { get; } = UnitId.New();
    public UnitId County { get; } = UnitId.New();
    public UnitId CountyNewsCentre { get; } = UnitId.New();

    public PersonId ProvinceOfficeHead { get; } = PersonId.New();
    public PersonId EnergyRegulatorHead { get; } = PersonId.New();
    public PersonId PrefectureOfficeHead { get; } = PersonId.New();

    /// <summary>The power company's leadership team.</summary>
    public PersonId MainLead { get; } = PersonId.New();
    public PersonId SecurityLead { get; } = PersonId.New();
    public PersonId Deputy1 { get; } = PersonId.New();
    public PersonId Deputy2 { get; } = PersonId.New();

    /// <summary>Power company staff: the usual parties concerned.</summary>
    public PersonId Operator { get; } = PersonId.New();
    public PersonId Engineer { get; } = PersonId.New();

    public DemoOrganisation()
    {
        var t = Tree;
        t.AddUnit(Province, "省委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.Provincial);
        t.AddUnit(ProvinceOffice, "省委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.Provincial, Province);
        t.AddUnit(EnergyRegulator, "省能源局", UnitKind.IndustryRegulator, AdministrativeLevel.Provincial, Province, Energy);
        t.AddUnit(DisciplineCommittee, "省纪委", UnitKind.DisciplineInspectionCommittee, AdministrativeLevel.Provincial, Province);
        t.AddUnit(Prefecture, "市委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.Prefecture, Province);
        t.AddUnit(PrefectureOffice, "市委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.Prefecture, Prefecture);
        t.AddUnit(PowerCompany, "市供电公司", UnitKind.CriticalInfrastructureOperator, AdministrativeLevel.Prefecture, Prefecture, Energy);
        t.AddUnit(WaterCompany, "市水务集团", UnitKind.CriticalInfrastructureOperator, AdministrativeLevel.Prefecture, Prefecture, "water");
        t.AddUnit(PrefectureGovernmentOffice, "市政府办公厅", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, Prefecture);
        t.AddUnit(County, "县委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.County, Prefecture);
        t.AddUnit(CountyNewsCentre, "县融媒体中心", UnitKind.KeyNewsWebsite, AdministrativeLevel.County, County, "media");

        HeadOf(ProvinceOffice, ProvinceOfficeHead, "省委网信办主任", Province);
        HeadOf(EnergyRegulator, EnergyRegulatorHead, "省能源局局长", Province);
        HeadOf(PrefectureOffice, PrefectureOfficeHead, "市委网信办主任", Prefecture);

        t.AddPerson(MainLead, "张主任", "党委书记、总经理", PowerCompany, Prefecture);
        t.AddPerson(SecurityLead, "李副总", "分管网络安全的副总经理", PowerCompany, Prefecture);
        t.AddPerson(Deputy1, "王副总", "副总经理", PowerCompany, Prefecture);
        t.AddPerson(Deputy2, "赵副总", "副总经理", PowerCompany, Prefecture);
        t.AddPerson(Operator, "陈工", "运维值班员", PowerCompany, PowerCompany);
        t.AddPerson(Engineer, "刘工", "网络工程师", PowerCompany, PowerCompany);
        t.SetLeadership(PowerCompany, new LeadershipTeam(MainLead, SecurityLead, [Deputy1, Deputy2]));
    }

    /// <summary>Adds a person to a unit and makes them the unit's head (main lead and security lead at once).</summary>
    public PersonId HeadOf(UnitId unit, PersonId head, string post, UnitId managedBy)
    {
        Tree.AddPerson(head, post, post, unit, managedBy);
        Tree.SetLeadership(unit, new LeadershipTeam(head, head));
        return head;
    }

    /// <summary>Adds a person to a unit, managed by the unit's region.</summary>
    public PersonId AddPerson(UnitId unit, string name, UnitId? managedBy = null)
    {
        var id = PersonId.New();
        Tree.AddPerson(id, name, "干部", unit, managedBy ?? Tree.RegionOf(unit).Id);
        return id;
    }

    /// <summary>Adds a unit under a parent.</summary>
    public UnitId AddUnit(UnitId parent, string name, UnitKind kind, AdministrativeLevel level, string? industry = null)
    {
        var id = UnitId.New();
        Tree.AddUnit(id, name, kind, level, parent, industry);
        return id;
    }

    public Unit Unit(UnitId id) => Tree.Unit(id);

    public LeadershipTeam PowerCompanyTeam => Tree.Unit(PowerCompany).Leadership!;
}
