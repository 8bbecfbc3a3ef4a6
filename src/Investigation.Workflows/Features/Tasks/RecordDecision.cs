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
    public sealed record Command(Guid TaskId, IReadOnlyList<MeasureInput> Measures, DateOnly DecidedOn, string Announcement,
        IReadOnlyList<GroundInput>? Grounds = null) : ICommand<Unit>;

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
            RuleForEach(c => c.Grounds).ChildRules(g =>
            {
                g.RuleFor(x => x.Target).IsInEnum().WithMessage("请选择问责对象的种类。", "Choose the kind of subject.");
                g.RuleFor(x => x.SubjectId).NotEmpty().WithMessage("请选择该情节针对的对象。", "Choose the subject of the ground.");
                g.RuleFor(x => x.Kind).IsInEnum().WithMessage("请选择情节：不予问责、免予问责、从轻、减轻、从重或加重。", "Choose the ground: no accountability, exemption, lighter, mitigated, heavier or aggravated.");
                g.RuleFor(x => x.Reason).NotEmpty().WithMessage("请写明该情节的事实和理由。", "State the facts and reason of the ground.")
                    .MaximumLength(Domain.Accountability.DecisionGround.MaxReasonLength)
                    .WithMessage("情节的理由不能超过2000字。", "The reason of a ground is at most 2000 characters.");
            });
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.Decision], ct);
            open.Case.Decide(open.Organisation, step.Actor.UnitId, command.Measures.Select(m => m.ToMeasure()), command.DecidedOn,
                command.Announcement, step.Actor.UserName, clock.GetUtcNow(), (command.Grounds ?? []).Select(g => g.ToGround()));
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
