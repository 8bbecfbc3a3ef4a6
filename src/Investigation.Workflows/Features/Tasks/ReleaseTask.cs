using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>The assignee gives a task back: it returns to the inbox of everyone with its role in its unit.</summary>
public static class ReleaseTask
{
    public sealed record Command(Guid TaskId) : ICommand<Unit>;

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            TaskStep.EnsureCanWork(task, access.Actor);
            if (task.AssigneeId is null) throw new ConflictException("此任务没有人认领。", "This task is not claimed by anyone.");
            task.AssigneeId = null;
            task.Version++;
            audit.CaseId = Guid.TryParse(task.CorrelationId, out var id) ? id : null;
            return Unit.Value;
        }
    }
}
