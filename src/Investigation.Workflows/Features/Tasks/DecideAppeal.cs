using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The deciding organisation answers an appeal in writing within one month (Article 20): the decision stands, or it
/// is changed for the appellant (the decision before is kept in the case's history).
/// </summary>
public static class DecideAppeal
{
    public sealed record Command(Guid TaskId, bool? Change, MeasureInput? Replacement, GroundInput? Ground, string? Answer, DateOnly? DecidedOn) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Change).Required();
            RuleFor(c => c.Answer).NotEmpty().WithMessage("请写明申诉处理决定及其理由。", "State the answer to the appeal and its reasons.")
                .MaximumLength(Domain.Cases.Appeal.MaxTextLength).WithMessage("申诉处理决定不能超过20000字。", "The answer is at most 20,000 characters.");
            RuleFor(c => c.DecidedOn).Required().WithMessage("请填写申诉处理日期。", "Give the date of the answer.").DoneOn(clock);
            RuleFor(c => c.Replacement!).ChildRules(m => MeasureInput.Rules(m, "请说明该问责措施的理由。", "Give the reason for the measure."))
                .When(c => c.Replacement is not null);
            RuleFor(c => c.Ground!).ChildRules(GroundInput.Rules).When(c => c.Ground is not null);
        }
    }

    public sealed class Handler(TaskStep step, InvestigationDbContext db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.AppealDecision], ct);
            var number = await AppealNumberAsync(open.Task.InstanceId, ct);
            open.Case.DecideAppeal(number, command.Change!.Value, command.Replacement?.ToMeasure(), command.Ground?.ToGround(), command.Answer!,
                command.DecidedOn!.Value, step.Actor.UserName, clock.GetUtcNow());
            await step.CompleteAsync(open, command.Change == true ? ExecutionWorkflows.Outcomes.Changed : ExecutionWorkflows.Outcomes.Upheld, command, ct);
            return Unit.Value;
        }

        /// <summary>The appeal this task answers, from its workflow's input.</summary>
        private async Task<int> AppealNumberAsync(Guid instanceId, CancellationToken ct)
        {
            var json = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.VariablesJson).SingleAsync(ct);
            return Cases.GetProcessDiagram.AppealNumberOf(json) ?? throw new InvalidOperationException($"The appeal workflow {instanceId} carries no appeal number.");
        }
    }
}
