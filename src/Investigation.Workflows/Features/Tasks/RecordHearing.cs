using FluentValidation;
using Investigation.Domain;
using Investigation.Domain.Cases;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using MediatR;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>Each person held responsible is heard: their statement and defence (陈述和申辩), or their refusal to make one.</summary>
public static class RecordHearing
{
    public sealed record StatementInput(Guid? PersonId, string? Statement = null, string? Defence = null, bool Declined = false);

    public sealed record Command(Guid TaskId, IReadOnlyList<StatementInput>? Statements) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Statements).Required().AtMost(200);
            RuleForEach(c => c.Statements).NoMissingElement().ChildRules(s =>
            {
                s.RuleFor(x => x.PersonId).NotEmpty().WithMessage("请选择人员。", "Choose the person.");
                s.RuleFor(x => x.Statement).NotEmpty().When(x => !x.Declined).WithMessage("请记录陈述和申辩，或记录该人员拒绝陈述。", "Record the statement, or that the person declined to make one.")
                    .Limit(20_000);
                s.RuleFor(x => x.Defence).Limit(20_000);
            });
        }
    }

    public sealed class Handler(TaskStep step, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var open = await step.BeginAsync(command.TaskId, [TaskKinds.Hearing], ct);
            var now = clock.GetUtcNow();
            foreach (var s in command.Statements!)
                open.Case.RecordStatement(new Statement(new PersonId(s.PersonId!.Value), s.Statement?.Trim() ?? "", s.Defence?.Trim(), s.Declined, step.Actor.UserName, now));
            open.Case.CompleteHearing();
            await step.CompleteAsync(open, Runtime.ActivityResult.Done, command, ct);
            return Unit.Value;
        }
    }
}
