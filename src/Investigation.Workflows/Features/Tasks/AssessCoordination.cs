using FluentValidation;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// An investigator assesses whether coordination or supervision was ineffective (协调监管不力); if so,
/// the head of the coordinating or supervising department is traced too.
/// </summary>
public static class AssessCoordination
{
    public sealed record Command(Guid TaskId, bool? CoordinationIneffective, bool? SupervisionIneffective, string? Reason) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.CoordinationIneffective).Required();
            RuleFor(c => c.SupervisionIneffective).Required();
            RuleFor(c => c.Reason).NotEmpty().WithMessage("请说明评估的理由。", "Give the reasons of the assessment.").Limit(20_000);
        }
    }

    public sealed class Handler(TaskStep step) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.CoordinationAssessment], ct);
            var assessment = new CoordinationAssessment(command.CoordinationIneffective!.Value, command.SupervisionIneffective!.Value, command.Reason!);
            open.Case.AssessCoordination(open.Organisation, assessment);
            await step.CompleteAsync(open, assessment.AnyIneffective ? InvestigationWorkflow.Outcomes.Ineffective : InvestigationWorkflow.Outcomes.Effective, command, ct);
            return Unit.Value;
        }
    }
}
