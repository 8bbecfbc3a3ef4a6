using System.Globalization;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// What happens to a task when one of its deadline timers fires. Called inside the step that
/// consumes the timer's bookmark, so the change to the task, the notifications and the consumed
/// bookmark are committed together, or none of them is.
/// </summary>
public sealed class DeadlineEffects(Recipients recipients, Notifier notifier, IOptions<TaskDeadlines> options, TimeProvider clock, ITaskNames names)
{
    public async Task ApplyAsync(HumanTask task, DeadlineEffect effect, CancellationToken ct)
    {
        // A task closed in this same step (or cancelled with its case) needs no chasing.
        if (task.Status != HumanTaskStatus.Open) return;
        var now = clock.GetUtcNow();
        var due = Format(task.DueAt);
        // Deadline marks do not bump the task's version: a person claiming the task at the same
        // moment must not be refused because the clock ticked. The instance's version still orders
        // this step against every other step of the workflow.
        switch (effect)
        {
            case DeadlineEffect.Reminder:
                task.RemindedAt = now;
                await notifier.NotifyAsync(await recipients.DoersAsync(task, ct), ForTask(task, NotificationKind.Reminder,
                    new($"任务即将到期：{names.NameOf(task).Zh}", $"Task due soon: {names.NameOf(task).En}"),
                    new($"该任务应于 {due}（北京时间）前完成。", $"This task is due by {due} (China Standard Time).")), ct);
                break;

            case DeadlineEffect.Due:
                task.OverdueAt = now;
                await notifier.NotifyAsync(await recipients.DoersAsync(task, ct), ForTask(task, NotificationKind.Overdue,
                    new($"任务已逾期：{names.NameOf(task).Zh}", $"Task overdue: {names.NameOf(task).En}"),
                    new($"该任务应于 {due}（北京时间）前完成，现已逾期，已报告督办人。", $"This task was due by {due} (China Standard Time); it is overdue and its supervisors have been told.")), ct);
                await notifier.NotifyAsync(await recipients.SupervisorsAsync(task, 1, options.Value, ct), ForSupervisor(task, NotificationKind.Escalation,
                    new($"督办：任务逾期 — {names.NameOf(task).Zh}", $"Escalation: task overdue — {names.NameOf(task).En}"),
                    new($"该任务应于 {due}（北京时间）前完成，尚未完成。{Who(task)}", $"This task was due by {due} (China Standard Time) and is not done. {WhoEn(task)}")), ct);
                break;

            case DeadlineEffect.SecondEscalation:
                task.SecondEscalatedAt = now;
                await notifier.NotifyAsync(await recipients.SupervisorsAsync(task, 2, options.Value, ct), ForSupervisor(task, NotificationKind.SecondEscalation,
                    new($"再次督办：任务仍逾期 — {names.NameOf(task).Zh}", $"Second escalation: task still overdue — {names.NameOf(task).En}"),
                    new($"该任务应于 {due}（北京时间）前完成，宽限期后仍未完成，现报上一级督办。{Who(task)}",
                        $"This task was due by {due} (China Standard Time) and is still not done after the grace period; it is escalated one level up. {WhoEn(task)}")), ct);
                break;
        }
    }

    private static Message ForTask(HumanTask task, NotificationKind kind, BilingualText title, BilingualText body) =>
        new(kind, title, body, $"/Tasks/Complete/{task.Id}") { TaskId = task.Id, CaseId = CaseOf(task) };

    // A supervisor usually cannot do the task; the case is where they see who is behind and why.
    private static Message ForSupervisor(HumanTask task, NotificationKind kind, BilingualText title, BilingualText body) =>
        new(kind, title, body, CaseOf(task) is { } caseId ? $"/Cases/Details/{caseId}" : $"/Tasks/Complete/{task.Id}") { TaskId = task.Id, CaseId = CaseOf(task) };

    private static Guid? CaseOf(HumanTask task) => Guid.TryParse(task.CorrelationId, out var id) ? id : null;

    private static string Who(HumanTask task) => task.AssigneeId is { } a ? $"承办人：{a}。" : $"尚无人认领（{task.CandidateRole}）。";
    private static string WhoEn(HumanTask task) => task.AssigneeId is { } a ? $"Assignee: {a}." : $"Nobody has claimed it ({task.CandidateRole}).";

    private string Format(DateTimeOffset? at) => at is { } t
        ? TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
        : "";
}
