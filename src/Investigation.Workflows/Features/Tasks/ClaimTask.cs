using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Persistence;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>A user takes an unassigned task of their role in their units: it leaves the others' inboxes.</summary>
public static class ClaimTask
{
    public sealed record Command(Guid TaskId) : ICommand<Unit>;

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            TaskStep.EnsureCanWork(task, access.Actor);
            if (task.AssigneeId == access.Actor.UserName) return Unit.Value;
            task.AssigneeId = access.Actor.UserName;
            task.Version++;
            audit.CaseId = Guid.TryParse(task.CorrelationId, out var id) ? id : null;
            return Unit.Value;
        }
    }
}
