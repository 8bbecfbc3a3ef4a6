using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Audit;

/// <summary>One field of an audit entry's content, as a person reads it: the field's name and its value, in both languages.</summary>
public sealed record AuditLine(BilingualText Label, BilingualText Value);

/// <summary>Who and what the ids in an audit entry stand for: people, units, tasks (by their kind), cases, users.</summary>
public sealed record AuditNames(
    IReadOnlyDictionary<Guid, string> People,
    IReadOnlyDictionary<Guid, string> Units,
    IReadOnlyDictionary<Guid, BilingualText> Tasks,
    IReadOnlyDictionary<Guid, string> Cases,
    IReadOnlyDictionary<string, string> Users)
{
    public static readonly AuditNames None = new(new Dictionary<Guid, string>(), new Dictionary<Guid, string>(),
        new Dictionary<Guid, BilingualText>(), new Dictionary<Guid, string>(), new Dictionary<string, string>());

    /// <summary>A user name with the person's name beside it, where the user is known.</summary>
    public string User(string userName) => Users.TryGetValue(userName, out var name) && name != userName ? $"{name}（{userName}）" : userName;
}

/// <summary>
/// The audit record as an auditor reads it. An entry stores the command's name and its JSON, with ids
/// and enum numbers (<c>"Forms":[1,3,4]</c>): here the operation is said in words and the content is read
/// back through the command's own type, so each number becomes the name of its value and each id the
/// name of its person, unit, task or case. The stored text (which the hash covers) is not changed.
/// </summary>
public static class AuditReading
{
    private static readonly Dictionary<string, BilingualText> Operations = new()
    {
        ["RegisterIncident"] = new("登记事件", "Registered an incident"),
        ["CompleteAcceptance"] = new("受理审查", "Decided on acceptance"),
        ["ClaimTask"] = new("认领任务", "Claimed a task"),
        ["ReleaseTask"] = new("释放任务", "Released a task"),
        ["ReassignTask"] = new("转交任务", "Reassigned a task"),
        ["ChangeDueDate"] = new("调整期限", "Changed a due date"),
        ["RecordFindings"] = new("记录倒查结论", "Recorded trace-back findings"),
        ["AssessCoordination"] = new("评估协调监管", "Assessed coordination and supervision"),
        ["DetermineResponsibility"] = new("认定责任", "Determined responsibility"),
        ["RecordHearing"] = new("记录陈述和申辩", "Recorded the hearing"),
        ["SubmitSuggestion"] = new("提出问责建议", "Submitted the accountability suggestion"),
        ["ReviewCase"] = new("纪检审核", "Reviewed the case"),
        ["ApproveReview"] = new("审核批准", "Decided on the review's approval"),
        ["RecordDecision"] = new("记录问责决定", "Recorded the decision"),
        ["AcknowledgeResult"] = new("干部主管部门接收结果", "Acknowledged the result"),
        ["RegisterOutage"] = new("登记网站中断", "Registered an outage"),
        ["RecordRestoration"] = new("记录网站恢复", "Recorded a restoration"),
        ["TimerFired"] = new("期限到达（系统）", "A deadline came (system)"),
        ["CreateUser"] = new("创建用户", "Created a user"),
        ["LockUser"] = new("锁定用户", "Locked a user"),
        ["UnlockUser"] = new("解锁用户", "Unlocked a user"),
        ["ResetUserPassword"] = new("重置用户密码", "Reset a user's password"),
        ["ChangeUserRoles"] = new("更改用户角色", "Changed a user's roles"),
        ["ChangeUserUnit"] = new("更改用户单位", "Changed a user's unit"),
        ["AddUnit"] = new("新增单位", "Added a unit"),
        ["AddPerson"] = new("新增人员", "Added a person"),
        ["SetLeadershipTeam"] = new("设置领导班子", "Set a leadership team"),
        ["RetryFaultedStep"] = new("重试出错的步骤", "Retried a faulted step"),
        ["ChangePassword"] = new("修改密码", "Changed their password"),
        ["EnableAuthenticator"] = new("启用双重验证", "Turned on two-factor sign-in"),
        ["DisableAuthenticator"] = new("停用双重验证", "Turned off two-factor sign-in"),
        ["ResetAuthenticatorKey"] = new("生成身份验证器密钥", "Generated an authenticator key"),
        ["MarkNotificationRead"] = new("标记通知已读", "Marked a notification read"),
        ["UploadEvidence"] = new("上传证据文件", "Uploaded an evidence file"),
        ["CommentOnCase"] = new("发表评论", "Commented on the case"),
        ["SaveDraft"] = new("暂存任务表单", "Saved a draft of a task's form"),
        ["DiscardDraft"] = new("放弃暂存", "Discarded a draft"),
    };

    // Fields of the commands that FieldNames (the validators' names) does not name: the audit page reads every field.
    private static readonly Dictionary<string, string> MoreChinese = new()
    {
        ["TaskId"] = "任务", ["CaseId"] = "案件", ["Accept"] = "受理", ["Approve"] = "批准", ["Verdict"] = "审核结果",
        ["PortalTampering"] = "门户网站被篡改", ["PortalParalysis"] = "门户网站瘫痪", ["DataLeak"] = "数据泄露",
        ["CriticalInfrastructure"] = "关键信息基础设施", ["Concealment"] = "瞒报或拒不配合", ["Obstruction"] = "阻碍有关机关",
        ["OtherSeriousAct"] = "其他严重危害网络安全的行为", ["Site"] = "网站类型", ["SiteLevel"] = "网站所属层级",
        ["Attacked"] = "受到攻击", ["AttackedAndTampered"] = "被攻击篡改", ["HarmfulInformationSpreadWidely"] = "违法有害信息大面积扩散",
        ["ReportedInTime"] = "已及时报告", ["DisposalOrganisedInTime"] = "已及时组织处置", ["HandledInTime"] = "已及时处置",
        ["Circumstance"] = "情形", ["AllegesAny"] = "涉及情形", ["StateSecretsLeaked"] = "国家秘密泄露",
        ["LargeScalePersonalInformationLeaked"] = "大面积个人信息泄露", ["LargeAmountOfNationalBasicDataLeaked"] = "大量国家基础数据泄露",
        ["PersonalRecordsLeaked"] = "泄露的个人信息条数", ["IsCriticalInformationInfrastructure"] = "属于关键信息基础设施",
        ["LargeScaleImpactOnPublic"] = "大面积影响群众", ["MajorEconomicLoss"] = "重大经济损失", ["SeriousAdverseSocialImpact"] = "严重不良社会影响",
        ["BlockedOrConcealed"] = "封锁、瞒报", ["RefusedToCooperate"] = "拒不配合", ["NotifiedProblemsNotRectifiedInTime"] = "通报问题未及时整改",
        ["SeriousConsequences"] = "造成严重后果", ["ObstructedSecurityOrgans"] = "阻碍公安、国家安全机关", ["RefusedSupport"] = "拒不提供支持",
        ["SeriouslyEndangersCybersecurity"] = "严重危害网络安全", ["Responsible"] = "负有责任", ["Collective"] = "集体决策",
        ["Dissenters"] = "持不同意见者", ["CoordinationIneffective"] = "综合协调不力", ["SupervisionIneffective"] = "监管不力",
        ["Note"] = "说明", ["FileName"] = "文件名", ["Size"] = "大小（字节）", ["Text"] = "内容", ["Timers"] = "期限",
        ["Culture"] = "语言", ["Id"] = "编号", ["Outcome"] = "结果",
    };

    // Enums of the commands without a Name() of their own in the domain, by "Type.Value".
    private static readonly Dictionary<string, BilingualText> OtherEnums = new()
    {
        ["SiteKind.PartyOrGovernmentPortal"] = new("党政机关门户网站", "Party or government portal"),
        ["SiteKind.KeyNewsWebsite"] = new("重点新闻网站", "key news website"),
        ["SiteKind.LargeNetworkPlatform"] = new("大型网络平台", "large network platform"),
        ["SiteKind.Other"] = new("其他网站", "other site"),
        ["Verdict.Endorse"] = new("同意", "endorse"),
        ["Verdict.Return"] = new("退回补充调查", "return for supplementary investigation"),
        ["Verdict.Decline"] = new("不予支持", "decline"),
    };

    /// <summary>The operation in words; an operation not named here keeps its code name rather than vanish.</summary>
    public static BilingualText Operation(string action) => Operations.TryGetValue(action, out var words) ? words : new(action, action);

    // Each audited command is the nested Command record of its use case, whose class the entry names.
    private static readonly Lazy<Dictionary<string, Type>> Commands = new(() => typeof(AuditReading).Assembly.GetTypes()
        .Where(t => t is { Name: "Command", DeclaringType: not null } && t.DeclaringType.Name is { } n)
        .GroupBy(t => t.DeclaringType!.Name).ToDictionary(g => g.Key, g => g.First()));

    // Enums name themselves in both languages through the domain's Name() extensions.
    private static readonly Lazy<Dictionary<Type, MethodInfo>> EnumNames = new(() => typeof(BilingualText).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true })
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.Name == "Name" && m.ReturnType == typeof(BilingualText) && m.GetParameters() is [{ ParameterType.IsEnum: true }])
        .GroupBy(m => m.GetParameters()[0].ParameterType).ToDictionary(g => g.Key, g => g.First()));

    /// <summary>
    /// Whether an entry's data begins with a command's JSON (an object), as a command's entry does; a deadline firing writes a
    /// line of text. Asked before parsing, because a parser's exception for each such entry cost more than the page around it:
    /// the case page read 200 entries a view, and the web benchmark counted 3,000 exceptions a second.
    /// </summary>
    public static bool HoldsCommand(string data) => data.AsSpan().TrimStart().StartsWith("{");

    /// <summary>The task a command's entry was about (its top-level TaskId), read without building the whole document.</summary>
    public static Guid? TaskIdOf(string data)
    {
        if (!HoldsCommand(data)) return null;
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(data));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isTaskId = reader.ValueTextEquals("TaskId"u8);
                reader.Read();
                if (isTaskId) return reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var id) ? id : null;
                reader.Skip();
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The command's fields with names for ids and numbers; anything after the JSON (the handler's own note) as a last line.</summary>
    public static IReadOnlyList<AuditLine> Content(string action, string data, AuditNames names)
    {
        IReadOnlyList<AuditLine> AsItIs() => [new(new("内容", "Content"), new(data, data))];
        if (!HoldsCommand(data)) return AsItIs();
        var lines = new List<AuditLine>();
        var bytes = Encoding.UTF8.GetBytes(data);
        var reader = new Utf8JsonReader(bytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException)
        {
            return AsItIs();
        }
        using (document)
        {
            Commands.Value.TryGetValue(action, out var type);
            Walk(document.RootElement, type, null, lines, names);
        }
        var rest = Encoding.UTF8.GetString(bytes, (int)reader.BytesConsumed, bytes.Length - (int)reader.BytesConsumed).Trim();
        if (rest.Length > 0) lines.Add(new(new("说明", "Note"), new(rest, rest)));
        return lines;
    }

    private static void Walk(JsonElement value, Type? type, BilingualText? label, List<AuditLine> lines, AuditNames names)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    var member = type?.GetProperty(property.Name);
                    var name = new BilingualText(FieldNames.ChineseOf(property.Name) ?? MoreChinese.GetValueOrDefault(property.Name) ?? Words(property.Name), Words(property.Name));
                    Walk(property.Value, member?.PropertyType, label is null ? name : new($"{label.Zh} · {name.Zh}", $"{label.En} · {name.En}"), lines, names);
                }
                return;
            case JsonValueKind.Array:
                var element = ElementType(type);
                var items = value.EnumerateArray().ToList();
                if (items.Count == 0) return;
                if (items.All(i => i.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
                {
                    var read = items.Select(i => Scalar(i, element, names)).ToList();
                    lines.Add(new(label ?? new("内容", "Content"), new(string.Join("、", read.Select(r => r.Zh)), string.Join(", ", read.Select(r => r.En)))));
                    return;
                }
                for (var i = 0; i < items.Count; i++)
                {
                    var l = label ?? new("内容", "Content");
                    Walk(items[i], element, new($"{l.Zh} {i + 1}", $"{l.En} {i + 1}"), lines, names);
                }
                return;
            default:
                lines.Add(new(label ?? new("内容", "Content"), Scalar(value, type, names)));
                return;
        }
    }

    private static BilingualText Scalar(JsonElement value, Type? type, AuditNames names)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is { IsEnum: true } && TryEnum(value, type) is { } e)
            return EnumNames.Value.TryGetValue(type, out var name) ? (BilingualText)name.Invoke(null, [e])!
                : OtherEnums.TryGetValue($"{type.Name}.{e}", out var other) ? other : new(e.ToString()!, e.ToString()!);
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean() ? new("是", "yes") : new("否", "no");
        if (value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id))
        {
            if (names.People.TryGetValue(id, out var person)) return new(person, person);
            if (names.Units.TryGetValue(id, out var unit)) return new(unit, unit);
            if (names.Tasks.TryGetValue(id, out var task)) return task;
            if (names.Cases.TryGetValue(id, out var number)) return new($"案件 {number}", $"case {number}");
            return new(id.ToString(), id.ToString());
        }
        if (value.ValueKind == JsonValueKind.String && (type == typeof(DateTimeOffset) || type == typeof(DateTime))
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            var china = TimeZoneInfo.ConvertTime(at, ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            return new($"{china}（北京时间）", $"{china} (China time)");
        }
        if (value.ValueKind == JsonValueKind.String && type == typeof(string) && TaskKinds.Find(value.GetString()) is { } kind)
            return kind.Name;
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        if (value.ValueKind == JsonValueKind.String && names.Users.ContainsKey(text)) text = names.User(text);
        return new(text, text);
    }

    private static object? TryEnum(JsonElement value, Type type)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)) return Enum.ToObject(type, number);
        if (value.ValueKind == JsonValueKind.String && Enum.TryParse(type, value.GetString(), out var parsed)) return parsed;
        return null;
    }

    private static Type? ElementType(Type? type)
    {
        if (type is null) return null;
        if (type.IsArray) return type.GetElementType();
        return type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0]
            ?? (typeof(IEnumerable).IsAssignableFrom(type) ? typeof(object) : null);
    }

    /// <summary>"ReasonNotResponsible" as "reason not responsible": English for a field without a written name.</summary>
    private static string Words(string property)
    {
        var words = new StringBuilder();
        foreach (var c in property)
        {
            if (char.IsUpper(c) && words.Length > 0) words.Append(' ');
            words.Append(words.Length == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
        }
        return words.ToString();
    }

    private static readonly TimeZoneInfo ChinaTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
}

/// <summary>Loads the names an audit entry's ids may stand for.</summary>
public static class AuditNamesLoader
{
    /// <param name="caseIds">The cases of the entries read: their tasks and numbers are looked up (the organisation and users are small).</param>
    public static async Task<AuditNames> LoadAsync(InvestigationDbContext db, IReadOnlyCollection<Guid> caseIds, CancellationToken ct)
    {
        var people = await db.People.AsNoTracking().Select(p => new { p.Id, p.Name, p.Post }).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var keys = caseIds.Select(c => c.ToString()).ToList();
        var tasks = await db.HumanTasks.AsNoTracking().Where(t => keys.Contains(t.CorrelationId!)).Select(t => new { t.Id, t.Kind }).ToListAsync(ct);
        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Select(u => new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return new(
            people.ToDictionary(p => p.Id, p => string.IsNullOrEmpty(p.Post) ? p.Name : $"{p.Name}（{p.Post}）"),
            units.ToDictionary(u => u.Id, u => u.Name),
            tasks.ToDictionary(t => t.Id, t => TaskKinds.Find(t.Kind)?.Name ?? new BilingualText(t.Kind, t.Kind)),
            cases.ToDictionary(c => c.Id, c => c.Number),
            users.Where(u => u.UserName != null).GroupBy(u => u.UserName!).ToDictionary(g => g.Key, g => g.First().DisplayName is { Length: > 0 } d ? d : g.Key));
    }
}
