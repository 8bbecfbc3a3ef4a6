using FluentValidation;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The cyberspace affairs office proposes forms of accountability per person or team, with reasons, and
/// submits the suggestion to the managing Party committee and the discipline inspection committee.
/// </summary>
public static class SubmitSuggestion
{
    public sealed record Command(Guid TaskId, IReadOnlyList<MeasureInput>? Proposals) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Proposals).Required().AtMost(200);
            RuleForEach(c => c.Proposals).NoMissingElement().ChildRules(m => MeasureInput.Rules(m, "请说明提出该建议的理由。", "Give the reason for the proposal."));
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.AccountabilitySuggestion], ct);
            var now = clock.GetUtcNow();
            open.Case.DraftSuggestion(command.Proposals!.Select(p => p.ToMeasure()), step.Actor.UserName, now);
            open.Case.SubmitSuggestion(now);
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
