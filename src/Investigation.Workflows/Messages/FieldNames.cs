using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;

namespace Investigation.Workflows.Messages;

/// <summary>
/// The names FluentValidation's own messages give the fields ("'标题' 不能为空。"), in Chinese for a
/// Chinese request; English requests keep FluentValidation's own ("'Site Address' must not be empty.").
/// Its messages themselves follow <see cref="System.Globalization.CultureInfo.CurrentUICulture"/>
/// through its LanguageManager, which has zh-CN. Keyed by property name: a new command's field with a
/// common name is named already; add a line here for a new one.
/// </summary>
public static class FieldNames
{
    private static readonly Dictionary<string, string> Chinese = new()
    {
        ["Accept"] = "受理决定",
        ["Announcement"] = "宣布情况",
        ["Approve"] = "批准决定",
        ["Attacked"] = "受到攻击",
        ["AttackedAndTampered"] = "被攻击篡改",
        ["BlockedOrConcealed"] = "阻挠或隐瞒",
        ["Code"] = "验证码",
        ["Collective"] = "集体决策",
        ["CoordinationIneffective"] = "协调不力",
        ["CurrentPassword"] = "当前密码",
        ["DecidedOn"] = "决定日期",
        ["Decision"] = "决策",
        ["Defence"] = "申辩",
        ["Description"] = "事件经过",
        ["DisplayName"] = "姓名",
        ["DisposalOrganisedInTime"] = "及时组织处置",
        ["Dissenters"] = "持反对意见的成员",
        ["DownAt"] = "中断时间",
        ["DueAt"] = "截止时间",
        ["DutiesFailed"] = "未履行的职责",
        ["DutyFailed"] = "未履行的职责",
        ["Evidence"] = "证据",
        ["EffectiveFrom"] = "任职起始日期",
        ["Facts"] = "事实",
        ["Findings"] = "调查结论",
        ["Forms"] = "问责方式",
        ["HandledInTime"] = "及时处置",
        ["HarmfulInformationSpreadWidely"] = "违法有害信息大面积扩散",
        ["Industry"] = "所属行业",
        ["IsCriticalInformationInfrastructure"] = "属于关键信息基础设施",
        ["Kind"] = "类型",
        ["LargeAmountOfNationalBasicDataLeaked"] = "大量泄露国家基础数据",
        ["LargeScaleImpactOnPublic"] = "对公众造成大面积影响",
        ["LargeScalePersonalInformationLeaked"] = "大规模泄露个人信息",
        ["LeadInvestigator"] = "调查组组长",
        ["Level"] = "行政级别",
        ["Levels"] = "层级",
        ["MainLeadId"] = "主要负责人",
        ["MajorEconomicLoss"] = "重大经济损失",
        ["ManagingOrganisationId"] = "有管理权限的党组织",
        ["Measures"] = "问责措施",
        ["Members"] = "调查组成员",
        ["Name"] = "名称",
        ["NewPassword"] = "新密码",
        ["Note"] = "备注",
        ["NotifiedProblemsNotRectifiedInTime"] = "通报的问题未及时整改",
        ["ObstructedSecurityOrgans"] = "阻碍有关机关依法维护网络安全",
        ["OccurredAt"] = "发生时间",
        ["Overrides"] = "责任调整",
        ["ParentId"] = "上级单位",
        ["Participants"] = "参与决策的成员",
        ["Password"] = "密码",
        ["PersonId"] = "人员",
        ["PersonalRecordsLeaked"] = "泄露的个人信息条数",
        ["Post"] = "职务",
        ["Proposals"] = "问责措施建议",
        ["Reason"] = "理由",
        ["ReasonNotResponsible"] = "不负有责任的理由",
        ["RefreshToken"] = "刷新令牌",
        ["RefusedSupport"] = "拒不提供支持",
        ["RefusedToCooperate"] = "拒不配合",
        ["ReportedInTime"] = "及时报告",
        ["Responsible"] = "是否负有责任",
        ["RestoredAt"] = "恢复时间",
        ["Roles"] = "角色",
        ["SecurityLeadId"] = "主管网络安全的领导班子成员",
        ["SeriousAdverseSocialImpact"] = "严重不良社会影响",
        ["SeriousConsequences"] = "造成严重后果",
        ["SeriouslyEndangersCybersecurity"] = "严重危害网络安全",
        ["Site"] = "网站类型",
        ["SiteAddress"] = "网站地址",
        ["SiteLevel"] = "网站级别",
        ["Statement"] = "陈述和申辩",
        ["Statements"] = "陈述和申辩",
        ["SubjectId"] = "问责对象",
        ["SupervisionIneffective"] = "监管不力",
        ["Target"] = "问责对象",
        ["Title"] = "标题",
        ["ToUser"] = "接手人",
        ["UnitId"] = "单位",
        ["UserId"] = "用户",
        ["UserName"] = "用户名",
    };

    /// <summary>The Chinese name of a field, where one is given (the audit page reads commands' fields with it).</summary>
    public static string? ChineseOf(string property) => Chinese.GetValueOrDefault(property);

    /// <summary>For <see cref="ValidatorOptions.DisplayNameResolver"/>: FluentValidation asks at validation time, so each request gets its language.</summary>
    public static string? Resolve(Type type, MemberInfo? member, LambdaExpression? expression) =>
        Say.IsChinese && member is not null && Chinese.TryGetValue(member.Name, out var name) ? name : null;

    /// <summary>Makes FluentValidation answer in the request's language: its messages and the fields' names.</summary>
    public static void Use()
    {
        ValidatorOptions.Global.LanguageManager.Enabled = true;
        ValidatorOptions.Global.LanguageManager.Culture = null; // null: CultureInfo.CurrentUICulture, per request
        ValidatorOptions.Global.DisplayNameResolver = Resolve;
    }
}
