using System.Linq.Expressions;
using System.Reflection;
using FluentValidation;

namespace Investigation.Workflows.Features;

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
        ["Announcement"] = "宣布情况",
        ["Code"] = "验证码",
        ["CurrentPassword"] = "当前密码",
        ["DecidedOn"] = "决定日期",
        ["Decision"] = "决策",
        ["Description"] = "事件经过",
        ["DisplayName"] = "姓名",
        ["DownAt"] = "中断时间",
        ["DueAt"] = "截止时间",
        ["DutiesFailed"] = "未履行的职责",
        ["DutyFailed"] = "未履行的职责",
        ["Evidence"] = "证据",
        ["Facts"] = "事实",
        ["Findings"] = "调查结论",
        ["Forms"] = "问责方式",
        ["Industry"] = "所属行业",
        ["Kind"] = "类型",
        ["LeadInvestigator"] = "调查组组长",
        ["Level"] = "行政级别",
        ["Levels"] = "层级",
        ["MainLeadId"] = "主要负责人",
        ["ManagingOrganisationId"] = "有管理权限的党组织",
        ["Measures"] = "问责措施",
        ["Members"] = "调查组成员",
        ["Name"] = "名称",
        ["NewPassword"] = "新密码",
        ["OccurredAt"] = "发生时间",
        ["Overrides"] = "责任调整",
        ["ParentId"] = "上级单位",
        ["Participants"] = "参与决策的成员",
        ["Password"] = "密码",
        ["PersonId"] = "人员",
        ["Post"] = "职务",
        ["Proposals"] = "问责措施建议",
        ["Reason"] = "理由",
        ["ReasonNotResponsible"] = "不负有责任的理由",
        ["RestoredAt"] = "恢复时间",
        ["Roles"] = "角色",
        ["SecurityLeadId"] = "主管网络安全的领导班子成员",
        ["SiteAddress"] = "网站地址",
        ["Statement"] = "陈述和申辩",
        ["Statements"] = "陈述和申辩",
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
