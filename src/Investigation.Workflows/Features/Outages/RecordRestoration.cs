using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Outages;

/// <summary>
/// An officer records when a watched site's service was restored. Before the 6 hours, this stops the
/// watch: circumstance (2) is not met by duration. After them, it completes the facts.
/// </summary>
public static class RecordRestoration
{
    public sealed record Command(Guid OutageId, DateTimeOffset? RestoredAt) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.RestoredAt).Required().LessThanOrEqualTo(_ => clock.GetUtcNow()).WithMessage("恢复服务的时间不能晚于当前时间。", "Service cannot be restored in the future.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, WorkflowRuntime runtime, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.CaseOfficer);
            var outage = await db.Outages.FirstOrDefaultAsync(o => o.Id == command.OutageId, ct);
            if (outage is null || !await access.CanSeeUnitAsync(outage.UnitId, ct)) throw new NotFoundException("该服务中断记录", "The outage");
            if (outage.RestoredAt is { } restored)
                throw new ConflictException($"该服务中断的恢复情况已经记录（{restored:u}，记录人 {outage.RestorationRecordedBy}）。", $"This outage's restoration was already recorded ({restored:u}, by {outage.RestorationRecordedBy}).");
            if (command.RestoredAt < outage.DownAt)
                throw Say.Invalid(nameof(Command.RestoredAt), "恢复服务的时间不能早于中断的时间。", "Service cannot be restored before it went down.");

            outage.RestoredAt = command.RestoredAt;
            outage.RestorationRecordedBy = access.Actor.UserName;
            outage.Version++;
            // The watch is still waiting unless the 6 hours were reached first.
            if (await db.Bookmarks.AnyAsync(b => b.Name == OutageWatchWorkflow.Restored && b.Key == outage.Id.ToString(), ct))
                await runtime.ResumeAsync(db, new Stimulus(OutageWatchWorkflow.Restored, outage.Id.ToString(), Actor: access.Actor.UserName), ct);
            audit.Detail = $"restored at {command.RestoredAt:O}, {command.RestoredAt - outage.DownAt} after it went down";
            return Unit.Value;
        }
    }
}
