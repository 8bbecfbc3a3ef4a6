using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// An administrator, or the case's lead investigator for investigation tasks, moves a task's due date,
/// with a reason: recorded in the task's history of changes and in the audit record. The reminder and the escalations follow
/// the new date (a task that was overdue is no longer, until the new date passes), and the person doing
/// the task is told.
/// </summary>
public static class ChangeDueDate
{
    public sealed record Command(Guid TaskId, DateTimeOffset? DueAt, string? Reason) : ICommand<Unit>;

    /// <summary>
    /// Who may move a task's due date: the one place this rule lives, used by the handler and by the task page
    /// (GetTask) to decide whether to offer the form.
    /// </summary>
    public static bool MayChange(HumanTask task, Actor actor, string? leadInvestigator) =>
        actor.IsIn(Roles.Administrator) || (task.CandidateRole == Roles.Investigator && leadInvestigator == actor.UserName);

    /// <summary>One change of a task's due date.</summary>
    public sealed record Change(DateTimeOffset At, string By, DateTimeOffset? From, DateTimeOffset To, string Reason);

    /// <summary>Every change of a task's due date, oldest first.</summary>
    public static async Task<IReadOnlyList<Change>> HistoryAsync(InvestigationDbContext db, HumanTask task, CancellationToken ct) =>
        await db.DueDateChanges.AsNoTracking().Where(c => c.TaskId == task.Id).OrderBy(c => c.Id)
            .Select(c => new Change(c.At, c.By, c.From, c.To, c.Reason)).ToListAsync(ct);

    /// <summary>How far ahead a due date may be moved.</summary>
    public const int MaxYearsAhead = 5;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.DueAt).Required()
                .GreaterThan(_ => clock.GetUtcNow()).WithMessage("新的截止时间必须晚于当前时间。", "The new due date must be in the future.")
                // Reminders and escalations are planned from the date: far beyond any investigation's span they would overflow the calendar.
                .LessThanOrEqualTo(_ => clock.GetUtcNow().AddYears(MaxYearsAhead))
                .WithMessage($"新的截止时间不能晚于 {MaxYearsAhead} 年之后。", $"The new due date can be at most {MaxYearsAhead} years ahead.");
            RuleFor(c => c.Reason).NotEmpty().WithMessage("请说明修改截止时间的理由。", "Give the reason for changing the due date.").Limit(2_000);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, DeadlinePolicy policy, WorkflowDefinitionRegistry definitions,
        Notifier notifier, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var dueAt = command.DueAt!.Value;
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            if (task.Status != HumanTaskStatus.Open) throw new ConflictException($"该任务{TaskStep.StatusName(task.Status).Zh}，截止时间已无意义。", $"This task is {task.Status.ToString().ToLowerInvariant()}; its due date no longer matters.");
            var caseId = Guid.TryParse(task.CorrelationId, out var id) ? id : (Guid?)null;
            audit.CaseId = caseId;
            var actor = access.Actor;
            var lead = caseId is { } c && await db.Cases.Where(x => x.Id == c).Select(x => x.Snapshot).FirstOrDefaultAsync(ct) is { } snapshot
                ? CaseJson.Deserialize(snapshot).Team?.Lead : null;
            if (!MayChange(task, actor, lead))
                throw new ForbiddenException("只有系统管理员（或调查任务的调查组组长）才能修改截止时间。", "Only an administrator, or the lead investigator for investigation tasks, can change a due date.");

            var instance = await db.WorkflowInstances.FirstOrDefaultAsync(i => i.Id == task.InstanceId, ct)
                ?? throw new NotFoundException("此任务的流程", "The workflow of this task");
            var now = clock.GetUtcNow();
            var old = task.DueAt;
            var plan = policy.ReplanFor(task.Kind, task.CreatedAt, dueAt);
            // Only a deadline task has timers to follow the date; a plain human task just shows the new date.
            if (definitions.Get(instance.DefinitionName, instance.DefinitionVersion).GetActivity(task.ActivityId) is DeadlineTask)
                await DeadlineBookmarks.ReplaceAsync(db, task, plan, now, ct);

            var reason = command.Reason!.Trim();
            task.DueAt = dueAt;
            // The new date is in the future: the task is not overdue, and its reminder is still to come unless its moment has passed.
            task.OverdueAt = null;
            task.SecondEscalatedAt = null;
            if (plan.ReminderAt > now) task.RemindedAt = null;
            task.Version++;
            db.DueDateChanges.Add(new DueDateChange
            {
                TaskId = task.Id, At = now, By = actor.UserName, From = old, To = dueAt, Reason = reason,
            });
            // Orders this change against a deadline timer of the same workflow firing at the same moment.
            instance.Version++;
            instance.UpdatedAt = now;

            if (task.AssigneeId is { } assignee && assignee != actor.UserName)
                await notifier.NotifyAsync([assignee], new Message(NotificationKind.DueDateChanged,
                    new($"到期时间已调整：{task.Title}", $"Due date changed: {task.Title}"),
                    new($"{actor.UserName} 将到期时间调整为 {Format(dueAt)}（北京时间）。理由：{reason}",
                        $"{actor.UserName} moved the due date to {Format(dueAt)} (China Standard Time). Reason: {reason}"),
                    $"/Tasks/Complete/{task.Id}") { TaskId = task.Id, CaseId = caseId }, ct);

            audit.Detail = $"due date of task {task.Id} ({task.Kind}) moved from {old:O} to {dueAt:O}: {reason}";
            return Unit.Value;
        }

        private string Format(DateTimeOffset at) =>
            TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(policy.Options.TimeZone)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }
}
