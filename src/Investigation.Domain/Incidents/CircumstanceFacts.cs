using Investigation.Domain.Organisation;

namespace Investigation.Domain.Incidents;

/// <summary>The kind of site in circumstances (1) and (2).</summary>
public enum SiteKind
{
    PartyOrGovernmentPortal,
    KeyNewsWebsite,
    LargeNetworkPlatform,
    OtherSite,
}

/// <summary>
/// The facts a case rests on for one circumstance of Article 8. Each kind of facts knows how to
/// evaluate itself against the Chinese text, clause by clause.
/// </summary>
public abstract record CircumstanceFacts
{
    public abstract Circumstance Circumstance { get; }
    public abstract CircumstanceEvaluation Evaluate();

    protected static BilingualText SiteName(SiteKind kind) => kind switch
    {
        SiteKind.PartyOrGovernmentPortal => new("党政机关门户网站", "Party or government portal"),
        SiteKind.KeyNewsWebsite => new("重点新闻网站", "key news website"),
        SiteKind.LargeNetworkPlatform => new("大型网络平台", "large network platform"),
        _ => new("其他网站", "other site"),
    };
}

/// <summary>(一) A portal, key news site or large platform attacked and tampered with, harmful information spread widely, not reported and handled in time.</summary>
public sealed record PortalTamperingFacts(
    SiteKind Site,
    bool AttackedAndTampered,
    bool HarmfulInformationSpreadWidely,
    bool ReportedInTime,
    bool DisposalOrganisedInTime) : CircumstanceFacts
{
    public override Circumstance Circumstance => Circumstance.PortalTampered;

    public override CircumstanceEvaluation Evaluate()
    {
        var site = SiteName(Site);
        return CircumstanceEvaluation.AllOf(Circumstance,
            Clause.Of("党政机关门户网站、重点新闻网站、大型网络平台", "portal, key news website or large platform",
                Site != SiteKind.OtherSite,
                $"该网站为{site.Zh}。", $"The site is a {site.En}.",
                "该网站不属于党政机关门户网站、重点新闻网站或大型网络平台。", "The site is not a Party or government portal, key news website or large network platform."),
            Clause.Of("被攻击篡改", "attacked and tampered with", AttackedAndTampered,
                "网站被攻击篡改。", "The site was attacked and tampered with.",
                "未认定网站被攻击篡改。", "The site was not found to be attacked and tampered with."),
            Clause.Of("违法有害信息大面积扩散", "harmful information spread widely", HarmfulInformationSpreadWidely,
                "违法有害信息大面积扩散。", "Illegal and harmful information spread widely.",
                "未认定违法有害信息大面积扩散。", "Harmful information was not found to spread widely."),
            // 没有及时报告和组织处置: the duty is to do both in time, so missing either one fails it.
            Clause.Of("没有及时报告和组织处置", "not reported and handled in time", !(ReportedInTime && DisposalOrganisedInTime),
                ReportedInTime ? "虽及时报告，但没有及时组织处置。" : DisposalOrganisedInTime ? "虽组织处置，但没有及时报告。" : "既没有及时报告，也没有及时组织处置。",
                ReportedInTime ? "It was reported in time but disposal was not organised in time." : DisposalOrganisedInTime ? "Disposal was organised but it was not reported in time." : "It was neither reported nor handled in time.",
                "已及时报告并组织处置。", "It was reported and handled in time."));
    }
}

/// <summary>
/// (二) A portal of a Party or government organ at or above the prefecture level, or a key news
/// website, attacked, disposal not organised in time, paralysed 6 hours or more. The outage runs
/// from <see cref="DownAt"/> to <see cref="RestoredAt"/>, or to <see cref="AsOf"/> while it lasts.
/// </summary>
public sealed record PortalParalysisFacts : CircumstanceFacts
{
    /// <summary>6小时以上: "以上" includes the number itself in Chinese legal drafting.</summary>
    public static readonly TimeSpan Threshold = TimeSpan.FromHours(6);

    public SiteKind Site { get; }
    public AdministrativeLevel SiteLevel { get; }
    public bool Attacked { get; }
    public bool DisposalOrganisedInTime { get; }
    public DateTimeOffset DownAt { get; }
    public DateTimeOffset? RestoredAt { get; }
    public DateTimeOffset AsOf { get; }

    public PortalParalysisFacts(SiteKind site, AdministrativeLevel siteLevel, bool attacked, bool disposalOrganisedInTime,
        DateTimeOffset downAt, DateTimeOffset? restoredAt, DateTimeOffset asOf)
    {
        if (restoredAt < downAt) throw new DomainException("恢复服务的时间不能早于中断的时间。", "Service cannot be restored before it went down.");
        if (restoredAt is null && asOf < downAt) throw new DomainException("服务中断开始之前无法对其进行评估。", "The outage cannot be assessed before it began.");
        if (restoredAt > asOf) throw new DomainException("恢复服务的时间不能晚于当前时间。", "Service cannot be recorded as restored later than now.");
        (Site, SiteLevel, Attacked, DisposalOrganisedInTime, DownAt, RestoredAt, AsOf) =
            (site, siteLevel, attacked, disposalOrganisedInTime, downAt, restoredAt, asOf);
    }

    public override Circumstance Circumstance => Circumstance.PortalParalysed;

    /// <summary>
    /// The site is the unit's own, so its level is the unit's: a level typed by hand that differs from the
    /// organisation's record would make 地市级以上 "met" on a false premise. Null when they agree.
    /// </summary>
    public BilingualText? LevelMismatch(Unit unit) => SiteLevel == unit.Level ? null : new(
        $"网站级别（{SiteLevel.Name().Zh}）与所属单位“{unit.Name}”在组织体系中的级别（{unit.Level.Name().Zh}）不一致：第八条第二款第（二）项的“地市级以上”按单位的级别认定，请选择{unit.Level.Name().Zh}，或先更正组织体系。",
        $"The site's level ({SiteLevel.Name().En}) differs from the level of its unit '{unit.Name}' in the organisation ({unit.Level.Name().En}): \"at or above the prefecture level\" in Article 8(2), item (2) is judged by the unit's level; choose {unit.Level.Name().En}, or correct the organisation first.");

    public TimeSpan Outage => (RestoredAt ?? AsOf) - DownAt;

    /// <summary>An exact duration: rounding 5:59:59 up to "6 hours" would contradict the finding.</summary>
    private static (string Zh, string En) Duration(TimeSpan d)
    {
        var hours = (long)d.TotalHours;
        var zh = $"{hours}小时" + (d.Minutes > 0 || d.Seconds > 0 ? $"{d.Minutes}分" : "") + (d.Seconds > 0 ? $"{d.Seconds}秒" : "");
        var en = $"{hours} h" + (d.Minutes > 0 || d.Seconds > 0 ? $" {d.Minutes} min" : "") + (d.Seconds > 0 ? $" {d.Seconds} s" : "");
        return (zh, en);
    }

    public override CircumstanceEvaluation Evaluate()
    {
        var site = SiteName(Site);
        var level = SiteLevel.Name();
        // 地市级以上 qualifies the organ's portal; a key news website qualifies at any level. The clause can be read
        // either way (see docs/procedure.md, "Readings"), so the reason says which reading was applied.
        var qualifies = Site switch
        {
            SiteKind.PartyOrGovernmentPortal => SiteLevel.IsAtOrAbove(AdministrativeLevel.Prefecture),
            SiteKind.KeyNewsWebsite => true,
            _ => false,
        };
        var (zh, en) = Duration(Outage);
        var ongoing = RestoredAt is null ? "（尚未恢复）" : "";
        var ongoingEn = RestoredAt is null ? " (not yet restored)" : "";
        return CircumstanceEvaluation.AllOf(Circumstance,
            Clause.Of("地市级以上党政机关门户网站或者重点新闻网站", "portal of an organ at or above the prefecture level, or key news website", qualifies,
                Site == SiteKind.KeyNewsWebsite
                    ? $"该网站为{level.Zh}{site.Zh}。本系统理解“地市级以上”只限定党政机关门户网站，重点新闻网站不论级别均属本项。"
                    : $"该网站为{level.Zh}{site.Zh}（“以上”包括本级）。",
                Site == SiteKind.KeyNewsWebsite
                    ? $"The site is a {level.En}-level {site.En}. Reading applied: \"at or above the prefecture level\" qualifies the organs' portals only, so a key news website qualifies at any level."
                    : $"The site is a {level.En}-level {site.En} (\"at or above\" includes the level itself).",
                Site == SiteKind.PartyOrGovernmentPortal
                    ? $"该网站为{level.Zh}党政机关门户网站，低于地市级（“以上”包括本级）。"
                    : $"该网站为{site.Zh}，不属于党政机关门户网站或重点新闻网站。",
                Site == SiteKind.PartyOrGovernmentPortal
                    ? $"The portal is at the {level.En} level, below the prefecture level (\"at or above\" includes the prefecture level itself)."
                    : $"The site is a {site.En}, neither an organ's portal nor a key news website."),
            Clause.Of("受到攻击", "attacked", Attacked,
                "网站受到攻击。", "The site was attacked.",
                "未认定网站受到攻击。", "The site was not found to have been attacked."),
            Clause.Of("没有及时组织处置", "disposal not organised in time", !DisposalOrganisedInTime,
                "没有及时组织处置。", "Disposal was not organised in time.",
                "已及时组织处置。", "Disposal was organised in time."),
            Clause.Of("瘫痪6小时以上", "paralysed 6 hours or more", Outage >= Threshold,
                $"瘫痪{zh}{ongoing}，达到6小时（“以上”包括本数）。",
                $"Paralysed for {en}{ongoingEn}, which reaches 6 hours (\"以上\" includes the number itself).",
                $"瘫痪{zh}{ongoing}，不足6小时。", $"Paralysed for {en}{ongoingEn}, under 6 hours."));
    }
}

/// <summary>(三) State secrets, large-scale personal information, or large amounts of national basic data leaked.</summary>
public sealed record DataLeakFacts(
    bool StateSecretsLeaked,
    bool LargeScalePersonalInformationLeaked,
    bool LargeAmountOfNationalBasicDataLeaked,
    long? PersonalRecordsLeaked = null) : CircumstanceFacts
{
    public override Circumstance Circumstance => Circumstance.DataLeak;

    public override CircumstanceEvaluation Evaluate()
    {
        var any = StateSecretsLeaked || LargeScalePersonalInformationLeaked || LargeAmountOfNationalBasicDataLeaked;
        var kinds = new List<(string Zh, string En)>();
        if (StateSecretsLeaked) kinds.Add(("国家秘密泄露", "state secrets leaked"));
        if (LargeScalePersonalInformationLeaked)
            kinds.Add((PersonalRecordsLeaked is { } n ? $"大面积个人信息泄露（{n}条）" : "大面积个人信息泄露",
                PersonalRecordsLeaked is { } m ? $"personal information leaked on a large scale ({m} records)" : "personal information leaked on a large scale"));
        if (LargeAmountOfNationalBasicDataLeaked) kinds.Add(("大量国家基础数据泄露", "large amounts of national basic data leaked"));
        return CircumstanceEvaluation.AllOf(Circumstance,
            Clause.Of("国家秘密、大面积个人信息或大量国家基础数据泄露（任一）", "state secrets, large-scale personal information or national basic data leaked (any one)", any,
                string.Join("、", kinds.Select(k => k.Zh)) + "。", string.Join("; ", kinds.Select(k => k.En)) + ".",
                PersonalRecordsLeaked is > 0
                    ? $"有{PersonalRecordsLeaked}条个人信息泄露，但未认定为大面积泄露；未认定国家秘密或国家基础数据泄露。"
                    : "未认定国家秘密、大面积个人信息或大量国家基础数据泄露。",
                PersonalRecordsLeaked is > 0
                    ? $"{PersonalRecordsLeaked} personal records leaked but the leak was not found large-scale; no state secrets or basic data leaked."
                    : "No leak of state secrets, large-scale personal information or national basic data was found."));
    }
}

/// <summary>(四) Critical information infrastructure attacked, not handled in time, with one of three grave effects.</summary>
public sealed record CriticalInfrastructureFacts(
    bool IsCriticalInformationInfrastructure,
    bool Attacked,
    bool HandledInTime,
    bool LargeScaleImpactOnPublic,
    bool MajorEconomicLoss,
    bool SeriousAdverseSocialImpact) : CircumstanceFacts
{
    public override Circumstance Circumstance => Circumstance.CriticalInfrastructureAttacked;

    public override CircumstanceEvaluation Evaluate()
    {
        var effects = new List<(string Zh, string En)>();
        if (LargeScaleImpactText() is { } e) effects.Add(e);
        if (MajorEconomicLoss) effects.Add(("造成重大经济损失", "major economic loss"));
        if (SeriousAdverseSocialImpact) effects.Add(("造成严重不良社会影响", "serious adverse social impact"));
        return CircumstanceEvaluation.AllOf(Circumstance,
            Clause.Of("关键信息基础设施", "critical information infrastructure", IsCriticalInformationInfrastructure,
                "受影响系统属于关键信息基础设施。", "The system is critical information infrastructure.",
                "受影响系统未被认定为关键信息基础设施。", "The system is not recognised as critical information infrastructure."),
            Clause.Of("遭受网络攻击", "attacked", Attacked,
                "遭受网络攻击。", "It was attacked.", "未认定遭受网络攻击。", "It was not found to have been attacked."),
            Clause.Of("没有及时处置", "not handled in time", !HandledInTime,
                "没有及时处置。", "It was not handled in time.", "已及时处置。", "It was handled in time."),
            Clause.Of("导致大面积影响群众工作生活、重大经济损失或严重不良社会影响（任一）",
                "large-scale impact on people, major economic loss or serious adverse social impact (any one)", effects.Count > 0,
                string.Join("、", effects.Select(x => x.Zh)) + "。", string.Join("; ", effects.Select(x => x.En)) + ".",
                "未认定上述任一后果。", "None of these consequences was found."));
    }

    private (string, string)? LargeScaleImpactText() =>
        LargeScaleImpactOnPublic ? ("大面积影响人民群众工作、生活", "large-scale impact on people's work and life") : null;
}

/// <summary>
/// (五) Concealment, refusal to cooperate, or failure to rectify notified problems with serious
/// consequences. "并造成严重后果" qualifies only the last alternative, the one it follows.
/// </summary>
public sealed record ConcealmentFacts(
    bool BlockedOrConcealed,
    bool RefusedToCooperate,
    bool NotifiedProblemsNotRectifiedInTime,
    bool SeriousConsequences) : CircumstanceFacts
{
    public override Circumstance Circumstance => Circumstance.ConcealmentOrNonCooperation;

    public override CircumstanceEvaluation Evaluate()
    {
        var rectification = NotifiedProblemsNotRectifiedInTime && SeriousConsequences;
        var met = BlockedOrConcealed || RefusedToCooperate || rectification;
        var found = new List<(string Zh, string En)>();
        if (BlockedOrConcealed) found.Add(("封锁、瞒报网络安全事件情况", "the incident was blocked or concealed"));
        if (RefusedToCooperate) found.Add(("拒不配合有关部门调查、处置", "cooperation with investigation and disposal was refused"));
        if (rectification) found.Add(("通报问题不及时整改并造成严重后果", "notified problems were not rectified in time and caused serious consequences"));
        var notRectifiedNoHarm = NotifiedProblemsNotRectifiedInTime && !SeriousConsequences;
        return CircumstanceEvaluation.AllOf(Circumstance,
            Clause.Of("封锁瞒报、拒不配合，或不及时整改并造成严重后果（任一）",
                "concealment, refusal to cooperate, or failure to rectify with serious consequences (any one)", met,
                string.Join("；", found.Select(x => x.Zh)) + "。", string.Join("; ", found.Select(x => x.En)) + ".",
                notRectifiedNoHarm ? "问题未及时整改，但未造成严重后果；未认定封锁瞒报或拒不配合。" : "未认定封锁瞒报、拒不配合或不及时整改。",
                notRectifiedNoHarm ? "Problems were not rectified in time but caused no serious consequences; no concealment or refusal was found."
                    : "No concealment, refusal or failure to rectify was found."));
    }
}

/// <summary>(六) Obstructing public or state security organs, or refusing them support.</summary>
public sealed record ObstructionFacts(bool ObstructedSecurityOrgans, bool RefusedSupport) : CircumstanceFacts
{
    public override Circumstance Circumstance => Circumstance.ObstructionOfSecurityOrgans;

    public override CircumstanceEvaluation Evaluate() => CircumstanceEvaluation.AllOf(Circumstance,
        Clause.Of("阻碍公安机关、国家安全机关依法工作，或拒不提供支持和保障（任一）",
            "obstruction of, or refusal to support, public or state security organs (any one)", ObstructedSecurityOrgans || RefusedSupport,
            (ObstructedSecurityOrgans, RefusedSupport) switch
            {
                (true, true) => "阻碍了公安机关、国家安全机关依法工作，并拒不提供支持和保障。",
                (true, false) => "阻碍了公安机关、国家安全机关依法工作。",
                _ => "拒不提供支持和保障。",
            },
            (ObstructedSecurityOrgans, RefusedSupport) switch
            {
                (true, true) => "The security organs were obstructed in their lawful work, and support and guarantees were refused.",
                (true, false) => "The security organs were obstructed in their lawful work.",
                _ => "Support and guarantees were refused.",
            },
            "未认定阻碍或拒不提供支持。", "No obstruction or refusal of support was found."));
}

/// <summary>(七) Other acts that seriously endanger cybersecurity: a judgement, so its description is required.</summary>
public sealed record OtherSeriousActFacts : CircumstanceFacts
{
    public string Description { get; }
    public bool SeriouslyEndangersCybersecurity { get; }

    public OtherSeriousActFacts(string description, bool seriouslyEndangersCybersecurity)
    {
        Description = Guard.Text(description, "该行为的描述", "A description of the act");
        SeriouslyEndangersCybersecurity = seriouslyEndangersCybersecurity;
    }

    public override Circumstance Circumstance => Circumstance.OtherSeriousEndangerment;

    public override CircumstanceEvaluation Evaluate() => CircumstanceEvaluation.AllOf(Circumstance,
        Clause.Of("严重危害网络安全行为", "act seriously endangering cybersecurity", SeriouslyEndangersCybersecurity,
            $"认定该行为严重危害网络安全：{Description}", $"The act is found to seriously endanger cybersecurity: {Description}",
            $"未认定该行为严重危害网络安全：{Description}", $"The act is not found to seriously endanger cybersecurity: {Description}"));
}
