using FluentValidation;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>The organisation department reports the formalities of organisational adjustment or handling done (Article 14: within one month).</summary>
public static class CompleteOrganisationalAdjustment
{
    public sealed record Command(Guid TaskId, DateOnly? CompletedOn, string? Note) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.CompletedOn).Required().WithMessage("请填写办结日期。", "Give the date the formalities were completed.").DoneOn(clock);
            RuleFor(c => c.Note).NotEmpty().WithMessage("请写明办理情况。", "State what was done.")
                .MaximumLength(2000).WithMessage("办理情况不能超过2000字。", "What was done is at most 2000 characters.");
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.OrganisationalAdjustment], ct);
            open.Case.CompleteOrganisationalAdjustment(command.CompletedOn!.Value, command.Note!, step.Actor.UserName, clock.GetUtcNow());
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
