using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Domain.TraceBack;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Runtime.Persistence;

namespace Investigation.Web.Pages.Cases;

/// <summary>The names of statuses and events as people read them, in both languages, for the case pages and the dashboard.</summary>
public static class CaseText
{
    public static BilingualText Name(this AccountabilityBasis basis) => basis switch
    {
        AccountabilityBasis.SeriousCircumstance => new("第八条第二款情形，应当逐级倒查", "an Article 8(2) circumstance: trace-back is mandatory"),
        AccountabilityBasis.DutyFailure => new("第八条第一款：未正确履行第三条职责", "Article 8(1): an Article 3 duty was not performed"),
        _ => new("无问责依据", "no basis for accountability"),
    };

    public static BilingualText Name(this LevelStatus status) => status switch
    {
        LevelStatus.Pending => new("待查", "pending"),
        LevelStatus.Open => new("调查中", "open"),
        LevelStatus.Done => new("已完成", "done"),
        LevelStatus.NotApplicable => new("不适用", "not applicable"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Name(this ReviewOutcome outcome) => outcome switch
    {
        ReviewOutcome.Endorsed => new("同意", "endorsed"),
        ReviewOutcome.Returned => new("退回补充调查", "returned for supplementary investigation"),
        ReviewOutcome.Declined => new("不予问责", "declined"),
        ReviewOutcome.Approved => new("批准", "approved"),
        ReviewOutcome.ApprovalRefused => new("不予批准", "approval refused"),
        _ => new(outcome.ToString(), outcome.ToString()),
    };

    public static BilingualText Name(this JournalEvent e) => e switch
    {
        JournalEvent.Started => new("开始", "started"),
        JournalEvent.Completed => new("完成", "completed"),
        JournalEvent.Blocked => new("等待", "waiting"),
        JournalEvent.Resumed => new("继续", "resumed"),
        JournalEvent.Faulted => new("出错", "faulted"),
        JournalEvent.Retried => new("重试", "retried"),
        JournalEvent.Cancelled => new("取消", "cancelled"),
        _ => new(e.ToString(), e.ToString()),
    };

    public static BilingualText Name(this HumanTaskStatus status) => status switch
    {
        HumanTaskStatus.Open => new("待办", "open"),
        HumanTaskStatus.Completed => new("已完成", "completed"),
        HumanTaskStatus.Cancelled => new("已取消", "cancelled"),
        _ => new(status.ToString(), status.ToString()),
    };

    public static BilingualText Name(this GetProcessDiagram.StepState state) => state switch
    {
        GetProcessDiagram.StepState.Done => new("已完成", "done"),
        GetProcessDiagram.StepState.Active => new("进行中", "active"),
        _ => new("未开始", "pending"),
    };

    /// <summary>A task outcome or connection outcome as words; "Done" says nothing worth showing.</summary>
    public static BilingualText? OutcomeName(string? outcome) => outcome is null ? null : ExportBpmn.OutcomeName(outcome);

    public static BilingualText YesNo(bool value) => value ? new("是", "yes") : new("否", "no");

    /// <summary>Provisions and sources are written "中文 / English" in one string: the part in the user's language.</summary>
    public static string Part(string zhSlashEn) => zhSlashEn.Split(" / ", 2) is [var zh, var en] ? Text.T(zh, en) : zhSlashEn;
}
