using FluentValidation;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// A discipline inspection reviewer endorses the suggestion (a second reviewer then approves), returns
/// the case for supplementary investigation of named levels, or declines it with a reason.
/// </summary>
public static class ReviewCase
{
    public enum Verdict { Endorse, Return, Decline }

    public sealed record Command(Guid TaskId, Verdict? Decision, string? Reason, IReadOnlyList<TraceBackLevel>? Levels = null) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).Required().IsInEnum();
            RuleFor(c => c.Reason).NotEmpty().When(c => c.Decision is not null and not Verdict.Endorse).WithMessage("请说明理由。", "Give the reason.").Limit(4_000);
            RuleFor(c => c.Levels).NotEmpty().When(c => c.Decision == Verdict.Return).WithMessage("请指明需要补充调查的层级。", "Name the levels to investigate again.");
            RuleFor(c => c.Levels).AtMost(4);
            RuleForEach(c => c.Levels).IsInEnum();
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.DisciplineReview], ct);
            var now = clock.GetUtcNow();
            var who = step.Actor.UserName;
            string outcome;
            switch (command.Decision!.Value)
            {
                case Verdict.Endorse:
                    open.Case.Endorse(who, command.Reason, now);
                    outcome = InvestigationWorkflow.Outcomes.Endorsed;
                    break;
                case Verdict.Return:
                    open.Case.ReturnForSupplementaryInvestigation(who, command.Levels!, command.Reason!, now);
                    outcome = InvestigationWorkflow.Outcomes.Returned;
                    break;
                default:
                    open.Case.Decline(who, command.Reason!, now);
                    outcome = InvestigationWorkflow.Outcomes.Declined;
                    break;
            }
            await step.CompleteAsync(open, outcome, command, ct);
            return Unit.Value;
        }
    }
}
