using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>The person throws away their saved draft of a task (SaveDraft); no draft is nothing to do.</summary>
public static class DiscardDraft
{
    public sealed record Command(Guid TaskId) : ICommand<Unit>;

    public sealed class Handler(InvestigationDbContext db, Access access) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            db.Set<TaskDraft>().RemoveRange(await db.Set<TaskDraft>().Where(d => d.TaskId == task.Id && d.UserName == access.Actor.UserName).ToListAsync(ct));
            return Unit.Value;
        }
    }
}
