using FluentValidation;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The cyberspace affairs office proposes forms of accountability per person or team, with reasons, and
/// submits the suggestion to the managing Party committee and the discipline inspection committee.
/// </summary>
public static class SubmitSuggestion
{
    public sealed record Command(Guid TaskId, IReadOnlyList<MeasureInput> Proposals) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Proposals).NotNull();
            RuleForEach(c => c.Proposals).ChildRules(m =>
            {
                m.RuleFor(x => x.Forms).NotEmpty().WithMessage("请至少选择一种问责方式。", "Name at least one form of accountability.");
                m.RuleFor(x => x.Reason).NotEmpty().WithMessage("请说明提出该建议的理由。", "Give the reason for the proposal.");
                m.RuleFor(x => x.Target).IsInEnum();
                m.RuleForEach(x => x.Forms).IsInEnum();
            });
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.AccountabilitySuggestion], ct);
            var now = clock.GetUtcNow();
            open.Case.DraftSuggestion(command.Proposals.Select(p => p.ToMeasure()), step.Actor.UserName, now);
            open.Case.SubmitSuggestion(now);
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
