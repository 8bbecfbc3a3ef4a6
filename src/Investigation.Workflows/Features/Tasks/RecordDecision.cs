using FluentValidation;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The managing Party organisation decides the forms per person, the decision date and its
/// announcement; the result is forwarded to the cadre management department (Article 10).
/// </summary>
public static class RecordDecision
{
    public sealed record Command(Guid TaskId, IReadOnlyList<MeasureInput> Measures, DateOnly DecidedOn, string Announcement) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Measures).NotNull();
            RuleFor(c => c.Announcement).NotEmpty().WithMessage("请记录问责决定的宣布情况。", "Record how the decision was announced.");
            RuleFor(c => c.DecidedOn).NotEmpty();
            RuleForEach(c => c.Measures).ChildRules(m =>
            {
                m.RuleFor(x => x.Forms).NotEmpty().WithMessage("请至少选择一种问责方式。", "Name at least one form of accountability.");
                m.RuleFor(x => x.Reason).NotEmpty().WithMessage("请说明该问责措施的理由。", "Give the reason for the measure.");
            });
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.Decision], ct);
            open.Case.Decide(open.Organisation, step.Actor.UnitId, command.Measures.Select(m => m.ToMeasure()), command.DecidedOn,
                command.Announcement, step.Actor.UserName, clock.GetUtcNow());
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
