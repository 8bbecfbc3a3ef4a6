using FluentValidation;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>A second reviewer, not the one who endorsed, approves the endorsement or sends it back to review.</summary>
public static class ApproveReview
{
    public sealed record Command(Guid TaskId, bool? Approve, string? Reason) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Approve).Required();
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Approve == false).WithMessage("请说明不予批准的理由。", "Give the reason for refusing approval.").Limit(4_000);
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.ReviewApproval], ct);
            if (command.Approve!.Value) open.Case.Approve(step.Actor.UserName, clock.GetUtcNow(), command.Reason);
            else open.Case.RefuseApproval(step.Actor.UserName, command.Reason!, clock.GetUtcNow());
            await step.CompleteAsync(open, command.Approve.Value ? InvestigationWorkflow.Outcomes.Approved : InvestigationWorkflow.Outcomes.Refused, command, ct);
            return Unit.Value;
        }
    }
}
