using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Responsibility;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// The lead investigator records the decision at fault; the domain derives each person's
/// responsibility under Article 9; the lead confirms it, overriding any value only with a written reason.
/// </summary>
public static class DetermineResponsibility
{
    public sealed record DecisionInput(bool? Collective, IReadOnlyList<Guid>? Participants, IReadOnlyList<Guid>? Dissenters, string? Description);

    public sealed record OverrideInput(Guid? PersonId, ResponsibilityKind? Kind, string? Reason);

    public sealed record Command(Guid TaskId, DecisionInput? Decision, IReadOnlyList<OverrideInput>? Overrides = null) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Decision).Required();
            RuleFor(c => c.Decision!.Collective).Required().When(c => c.Decision is not null);
            RuleFor(c => c.Decision!.Participants).NotNull().When(c => c.Decision is not null).WithName("Decision.Participants");
            RuleFor(c => c.Decision!.Dissenters).NotNull().When(c => c.Decision is not null).WithName("Decision.Dissenters");
            RuleFor(c => c.Decision!.Description).Limit(20_000).NotEmpty().When(c => c.Decision is not null).WithName("Decision.Description")
                .WithMessage("请描述有过错的决策（或说明各人系个人行为）。", "Describe the decision at fault (or that each person acted on their own).");
            RuleFor(c => c.Decision!.Participants).AtMost(200).When(c => c.Decision is not null);
            RuleFor(c => c.Decision!.Dissenters).AtMost(200).When(c => c.Decision is not null);
            RuleFor(c => c.Overrides).AtMost(200);
            RuleForEach(c => c.Overrides).NoMissingElement();
            RuleFor(c => c.Decision!.Participants).NotEmpty().When(c => c.Decision is { Collective: true, Participants: not null }).WithName("Decision.Participants")
                .WithMessage("集体决策须列明参与决策的成员。", "A collective decision needs the members who took part.");
            RuleForEach(c => c.Overrides).ChildRules(o =>
            {
                o.RuleFor(x => x.PersonId).NotEmpty().WithMessage("请选择人员。", "Choose the person.");
                o.RuleFor(x => x.Reason).NotEmpty().WithMessage("调整推定的责任须书面说明理由。", "Overriding a derived responsibility needs a written reason.").Limit(4_000);
                o.RuleFor(x => x.Kind).Required().IsInEnum();
            });
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.ResponsibilityDetermination], ct);
            var d = command.Decision;
            var decision = new DecisionRecord(d!.Collective!.Value, d.Participants!.Select(p => new PersonId(p)).ToList(), d.Dissenters!.Select(p => new PersonId(p)).ToList(), d.Description!);
            open.Case.DetermineResponsibility(open.Organisation, decision);
            foreach (var o in command.Overrides ?? [])
                open.Case.OverrideResponsibility(new PersonId(o.PersonId!.Value), o.Kind!.Value, o.Reason!, step.Actor.UserName, clock.GetUtcNow());
            open.Case.ConfirmResponsibility();
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
