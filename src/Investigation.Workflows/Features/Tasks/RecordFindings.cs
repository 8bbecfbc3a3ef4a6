using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Incidents;
using Investigation.Domain.TraceBack;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>An investigator records the findings of one trace-back level: responsible or not, facts, evidence, the duty failed.</summary>
public static class RecordFindings
{
    public sealed record FindingInput(Guid? PersonId, bool? Responsible, string? Facts, IReadOnlyList<string>? Evidence,
        Article3Duty? DutyFailed = null, string? ReasonNotResponsible = null);

    public sealed record Command(Guid TaskId, IReadOnlyList<FindingInput>? Findings) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Findings).NotEmpty().WithMessage("请至少记录一项调查结论。", "Record at least one finding.").AtMost(100);
            RuleForEach(c => c.Findings).NoMissingElement().ChildRules(f =>
            {
                f.RuleFor(x => x.PersonId).NotEmpty().WithMessage("请选择人员。", "Choose the person.");
                f.RuleFor(x => x.Responsible).Required();
                f.RuleFor(x => x.Facts).NotEmpty().WithMessage("请写明调查结论所依据的事实。", "State the facts the finding rests on.").Limit(20_000);
                f.RuleFor(x => x.Evidence).Must(e => e is not null && e.Any(x => !string.IsNullOrWhiteSpace(x)))
                    .WithMessage("请至少引用一项证据。", "Refer to at least one piece of evidence.").AtMost(100);
                f.RuleForEach(x => x.Evidence).NoMissingElement().Limit(500);
                f.RuleFor(x => x.ReasonNotResponsible).NotEmpty().When(x => x.Responsible == false)
                    .WithMessage("请说明该人员不负有责任的理由。", "Give the reason the person is not responsible.").Limit(4_000);
                f.RuleFor(x => x.DutyFailed).IsInEnum();
            });
        }
    }

    public static readonly string[] Kinds =
        [TaskKinds.PartyConcernedFindings, TaskKinds.SecurityLeadFindings, TaskKinds.MainLeadFindings, TaskKinds.CoordinatingHeadFindings];

    public sealed class Handler(TaskStep step) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, Kinds, ct);
            foreach (var f in command.Findings!.Where(f => !open.Organisation.Contains(new PersonId(f.PersonId!.Value))))
                throw Say.Invalid(nameof(Command.Findings), $"组织体系中没有人员 {f.PersonId}。", $"There is no person {f.PersonId} in the organisation.");
            var level = TaskKinds.LevelOf(open.Task.Kind)!.Value;
            open.Case.RecordFindings(level, command.Findings!.Select(f =>
                new Finding(new PersonId(f.PersonId!.Value), f.Responsible!.Value, f.Facts!, f.Evidence!, f.DutyFailed, f.ReasonNotResponsible)));
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
