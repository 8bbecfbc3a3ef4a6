namespace Investigation.Domain.Incidents;

/// <summary>The seven circumstances of Article 8, second paragraph, in which trace-back is mandatory.</summary>
public enum Circumstance
{
    PortalTampered = 1,
    PortalParalysed = 2,
    DataLeak = 3,
    CriticalInfrastructureAttacked = 4,
    ConcealmentOrNonCooperation = 5,
    ObstructionOfSecurityOrgans = 6,
    OtherSeriousEndangerment = 7,
}

public static class CircumstanceText
{
    private static readonly string[] Numerals = ["", "一", "二", "三", "四", "五", "六", "七"];

    public static BilingualText Name(this Circumstance c) => c switch
    {
        Circumstance.PortalTampered => new("门户网站被攻击篡改导致有害信息大面积扩散", "portal tampered, harmful information spread"),
        Circumstance.PortalParalysed => new("门户网站受攻击瘫痪6小时以上", "portal paralysed 6 hours or more"),
        Circumstance.DataLeak => new("国家秘密、个人信息或国家基础数据泄露", "state secrets, personal information or basic data leaked"),
        Circumstance.CriticalInfrastructureAttacked => new("关键信息基础设施遭受攻击未及时处置", "critical information infrastructure attacked, not handled"),
        Circumstance.ConcealmentOrNonCooperation => new("封锁、瞒报或拒不配合、不及时整改", "concealment, non-cooperation or failure to rectify"),
        Circumstance.ObstructionOfSecurityOrgans => new("阻碍公安机关、国家安全机关或拒不提供支持", "obstructing public or state security organs"),
        Circumstance.OtherSeriousEndangerment => new("其他严重危害网络安全行为", "other acts seriously endangering cybersecurity"),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static string Provision(this Circumstance c) => $"第八条第二款第（{Numerals[(int)c]}）项 / Article 8(2), item ({(int)c})";

    public static Citation Citation(this Circumstance c) => c switch
    {
        Circumstance.PortalTampered => Domain.Citation.OfMeasures(c.Provision(),
            "党政机关门户网站、重点新闻网站、大型网络平台被攻击篡改，导致反动言论或者谣言等违法有害信息大面积扩散，且没有及时报告和组织处置的",
            "A portal of a Party or government organ, a key news website or a large network platform is attacked and tampered with, illegal and harmful information such as reactionary speech or rumours spreads widely, and it was not reported and handled in time"),
        Circumstance.PortalParalysed => Domain.Citation.OfMeasures(c.Provision(),
            "地市级以上党政机关门户网站或者重点新闻网站受到攻击后没有及时组织处置，且瘫痪6小时以上的",
            "A portal of a Party or government organ at or above the prefecture level, or a key news website, is attacked, disposal is not organised in time, and it is paralysed for 6 hours or more"),
        Circumstance.DataLeak => Domain.Citation.OfMeasures(c.Provision(),
            "发生国家秘密泄露、大面积个人信息泄露或者大量地理、人口、资源等国家基础数据泄露的",
            "State secrets leak, personal information leaks on a large scale, or large amounts of national basic data such as geography, population and resources leak"),
        Circumstance.CriticalInfrastructureAttacked => Domain.Citation.OfMeasures(c.Provision(),
            "关键信息基础设施遭受网络攻击，没有及时处置导致大面积影响人民群众工作、生活，或者造成重大经济损失，或者造成严重不良社会影响的",
            "Critical information infrastructure is attacked and not handled in time, causing a large-scale impact on people's work and life, major economic loss, or serious adverse social impact"),
        Circumstance.ConcealmentOrNonCooperation => Domain.Citation.OfMeasures(c.Provision(),
            "封锁、瞒报网络安全事件情况，拒不配合有关部门依法开展调查、处置工作，或者对有关部门通报的问题和风险隐患不及时整改并造成严重后果的",
            "Cybersecurity incidents are blocked or concealed, cooperation with lawful investigation and disposal is refused, or problems and risks notified by the competent departments are not rectified in time and cause serious consequences"),
        Circumstance.ObstructionOfSecurityOrgans => Domain.Citation.OfMeasures(c.Provision(),
            "阻碍公安机关、国家安全机关依法维护国家安全、侦查犯罪以及防范、调查恐怖活动，或者拒不提供支持和保障的",
            "Public security or state security organs are obstructed in lawfully safeguarding national security, investigating crimes, and preventing and investigating terrorist activities, or support and guarantees are refused"),
        Circumstance.OtherSeriousEndangerment => Domain.Citation.OfMeasures(c.Provision(),
            "发生其他严重危害网络安全行为的",
            "Other acts that seriously endanger cybersecurity occur"),
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };
}
