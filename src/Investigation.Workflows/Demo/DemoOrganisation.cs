using System.Security.Cryptography;
using System.Text;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Identity;

namespace Investigation.Workflows.Demo;

/// <summary>
/// An invented province with two prefectures and a county: their committees, offices, regulators,
/// discipline inspection committees, organs and sites, with leadership teams. Ids are derived from
/// names, so they are the same in every run and every test.
/// </summary>
public static class DemoOrganisation
{
    public static UnitId Unit(string key) => new(IdOf("unit:" + key));
    public static PersonId Person(string key) => new(IdOf("person:" + key));

    // Regions
    public static readonly UnitId Province = Unit("province");
    public static readonly UnitId Linchuan = Unit("linchuan");
    public static readonly UnitId Anping = Unit("anping");
    public static readonly UnitId Qingshi = Unit("qingshi");
    // Units a case can be about
    public static readonly UnitId ProvincialGovernmentOffice = Unit("province/government-office");
    public static readonly UnitId ProvincialDaily = Unit("province/daily");
    public static readonly UnitId LinchuanGovernment = Unit("linchuan/government");
    public static readonly UnitId LinchuanPowerGrid = Unit("linchuan/power-grid");
    public static readonly UnitId LinchuanEducation = Unit("linchuan/education");
    public static readonly UnitId QingshiGovernment = Unit("qingshi/government");
    public static readonly UnitId AnpingNews = Unit("anping/news");
    // Departments
    public static readonly UnitId ProvincialOffice = Unit("province/office");
    public static readonly UnitId ProvincialEnergyRegulator = Unit("province/energy");
    public static readonly UnitId ProvincialDiscipline = Unit("province/discipline");
    public static readonly UnitId ProvincialCadreDepartment = Unit("province/organisation-department");
    public static readonly UnitId LinchuanOffice = Unit("linchuan/office");

    public static OrganisationTree Build()
    {
        var t = new OrganisationTree();
        t.AddUnit(Province, "江北省委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.Provincial);
        t.AddUnit(ProvincialOffice, "江北省委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.Provincial, Province);
        t.AddUnit(ProvincialDiscipline, "江北省纪委监委", UnitKind.DisciplineInspectionCommittee, AdministrativeLevel.Provincial, Province);
        t.AddUnit(ProvincialCadreDepartment, "江北省委组织部", UnitKind.CadreManagementDepartment, AdministrativeLevel.Provincial, Province);
        t.AddUnit(ProvincialEnergyRegulator, "江北省能源局", UnitKind.IndustryRegulator, AdministrativeLevel.Provincial, Province, "能源");
        t.AddUnit(ProvincialGovernmentOffice, "江北省人民政府办公厅", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Provincial, Province, "政务");
        t.AddUnit(ProvincialDaily, "江北日报社", UnitKind.KeyNewsWebsite, AdministrativeLevel.Provincial, Province, "新闻");

        t.AddUnit(Linchuan, "临川市委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.Prefecture, Province);
        t.AddUnit(LinchuanOffice, "临川市委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.Prefecture, Linchuan);
        t.AddUnit(Unit("linchuan/discipline"), "临川市纪委监委", UnitKind.DisciplineInspectionCommittee, AdministrativeLevel.Prefecture, Linchuan);
        t.AddUnit(LinchuanGovernment, "临川市人民政府", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, Linchuan, "政务");
        t.AddUnit(LinchuanPowerGrid, "临川供电公司", UnitKind.CriticalInfrastructureOperator, AdministrativeLevel.Prefecture, Linchuan, "能源");
        t.AddUnit(LinchuanEducation, "临川市教育局", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, Linchuan, "教育");

        t.AddUnit(Qingshi, "青石县委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.County, Linchuan);
        t.AddUnit(Unit("qingshi/office"), "青石县委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.County, Qingshi);
        t.AddUnit(QingshiGovernment, "青石县人民政府", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.County, Qingshi, "政务");

        t.AddUnit(Anping, "安平市委", UnitKind.RegionalPartyCommittee, AdministrativeLevel.Prefecture, Province);
        t.AddUnit(Unit("anping/office"), "安平市委网信办", UnitKind.CyberspaceAffairsOffice, AdministrativeLevel.Prefecture, Anping);
        t.AddUnit(AnpingNews, "安平新闻网", UnitKind.KeyNewsWebsite, AdministrativeLevel.Prefecture, Anping, "新闻");

        // Leadership teams. Cadres of the province's own organs are managed by the provincial committee,
        // those of a prefecture's organs by that prefecture's committee.
        Team(t, Province, Province, "王建国", "省委书记", "李振华", "省委常委、秘书长", ["赵明远", "孙立新"]);
        Team(t, ProvincialOffice, Province, "周文斌", "省委网信办主任", "吴志强", "省委网信办副主任", ["郑丽"]);
        Team(t, ProvincialEnergyRegulator, Province, "冯国栋", "省能源局局长", "陈海涛", "省能源局副局长", []);
        Team(t, ProvincialGovernmentOffice, Province, "刘德明", "办公厅主任", "张卫东", "办公厅副主任（分管网络安全）", ["黄晓梅", "林峰"]);
        Team(t, ProvincialDaily, Province, "何长青", "社长", "高云", "副社长（分管网络安全）", ["许杰"]);
        Team(t, Linchuan, Province, "马国强", "市委书记", "朱建军", "市委常委", ["胡玉兰"]);
        Team(t, LinchuanOffice, Linchuan, "郭宏", "市委网信办主任", "罗斌", "市委网信办副主任", []);
        Team(t, LinchuanGovernment, Linchuan, "梁志远", "市政府秘书长", "宋涛", "副秘书长（分管网络安全）", ["唐敏", "韩冰"]);
        Team(t, LinchuanPowerGrid, Linchuan, "曹永刚", "总经理", "彭亮", "副总经理（分管网络安全）", ["董洁"]);
        Team(t, LinchuanEducation, Linchuan, "袁芳", "局长", "邓军", "副局长（分管网络安全）", []);
        Team(t, Qingshi, Linchuan, "许国平", "县委书记", "傅强", "县委常委", []);
        Team(t, QingshiGovernment, Qingshi, "沈浩", "县政府办主任", "曾勇", "副主任（分管网络安全）", ["吕芳"]);
        Team(t, Anping, Province, "蒋文华", "市委书记", "蔡明", "市委常委", []);
        Team(t, AnpingNews, Anping, "潘志刚", "总编辑", "田野", "副总编辑（分管网络安全）", []);

        // Staff who may be the parties concerned.
        Staff(t, ProvincialGovernmentOffice, Province, "方磊", "信息中心网站运维工程师");
        Staff(t, ProvincialGovernmentOffice, Province, "任静", "信息中心主任");
        Staff(t, ProvincialDaily, Province, "姚远", "技术部主任");
        Staff(t, LinchuanGovernment, Linchuan, "钟晨", "大数据中心网络管理员");
        Staff(t, LinchuanPowerGrid, Linchuan, "汪洋", "调度自动化班长");
        Staff(t, LinchuanEducation, Linchuan, "陆遥", "信息科科长");
        Staff(t, QingshiGovernment, Qingshi, "白雪", "网站管理员");
        Staff(t, AnpingNews, Anping, "石磊", "网络安全主管");
        return t;
    }

    private static void Team(OrganisationTree t, UnitId unit, UnitId managedBy, string main, string mainPost, string security, string securityPost, string[] others)
    {
        t.AddPerson(Person(main), main, mainPost, unit, managedBy);
        if (security != main) t.AddPerson(Person(security), security, securityPost, unit, managedBy);
        foreach (var o in others) t.AddPerson(Person(o), o, "领导班子成员", unit, managedBy);
        t.SetLeadership(unit, new LeadershipTeam(Person(main), Person(security), others.Select(Person)));
    }

    private static void Staff(OrganisationTree t, UnitId unit, UnitId managedBy, string name, string post) =>
        t.AddPerson(Person(name), name, post, unit, managedBy);

    /// <summary>A demo user: one per role named after the role, more where a step needs two people, and some in other units.</summary>
    public sealed record DemoUser(string UserName, string DisplayName, UnitId Unit, string[] Roles);

    public static readonly IReadOnlyList<DemoUser> Users =
    [
        new("admin", "系统管理员 Administrator", Province, [Roles.Administrator]),
        new("caseofficer", "省委网信办 案件专员", Province, [Roles.CaseOfficer]),
        new("investigator", "调查组 组长", Province, [Roles.Investigator]),
        new("investigator2", "调查组 组员", Province, [Roles.Investigator]),
        new("disciplinereviewer", "省纪委监委 审核员", Province, [Roles.DisciplineReviewer]),
        new("disciplinereviewer2", "省纪委监委 审核员二", Province, [Roles.DisciplineReviewer]),
        new("disciplineapprover", "省纪委监委 审批人", Province, [Roles.DisciplineApprover]),
        new("partycommittee", "江北省委", Province, [Roles.PartyCommittee]),
        new("cadremanagement", "省委组织部 干部处", Province, [Roles.CadreManagement]),
        new("auditor", "审计厅 审计员", Province, [Roles.Auditor]),
        // Prefecture-level users see only their prefecture.
        new("caseofficer-linchuan", "临川市委网信办 案件专员", Linchuan, [Roles.CaseOfficer]),
        new("investigator-linchuan", "临川市 调查员", Linchuan, [Roles.Investigator]),
        new("investigator2-linchuan", "临川市 调查员二", Linchuan, [Roles.Investigator]),
        new("partycommittee-linchuan", "临川市委", Linchuan, [Roles.PartyCommittee]),
        new("caseofficer-anping", "安平市委网信办 案件专员", Anping, [Roles.CaseOfficer]),
        new("investigator-anping", "安平市 调查员", Anping, [Roles.Investigator]),
    ];

    private static Guid IdOf(string key)
    {
        var hash = MD5.HashData(Encoding.UTF8.GetBytes("investigation-demo:" + key));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x30); // a name-based (version 3) id
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash, bigEndian: true);
    }
}
