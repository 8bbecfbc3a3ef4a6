using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// A user takes an unassigned task of their role in their units: it leaves the others' inboxes. The same
/// rules as completing it hold (an investigation task is for the case's investigation team), so that no
/// one can take a task they could not do and keep it from those who can.
/// </summary>
public static class ClaimTask
{
    public sealed record Command(Guid TaskId) : ICommand<Unit>;

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            var c = await TaskStep.CaseOfAsync(db, task, ct);
            // Someone else claimed it first: the loser of the race is told so, as when a task was completed meanwhile.
            if (TaskStep.RefusalOf(task, access.Actor, c) == TaskRefusal.AssignedToOther)
                throw new ConflictException($"此任务已由 {task.AssigneeId} 先行认领。未作任何修改。", $"{task.AssigneeId} claimed this task first. Nothing was changed.");
            TaskStep.EnsureCanWork(task, access.Actor, c);
            if (task.AssigneeId == access.Actor.UserName) return Unit.Value;
            task.AssigneeId = access.Actor.UserName;
            task.Version++;
            audit.CaseId = Guid.TryParse(task.CorrelationId, out var id) ? id : null;
            return Unit.Value;
        }
    }
}
