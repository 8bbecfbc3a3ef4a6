using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using MediatR;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The deciding organisation records that the 问责决定书 reached the subjects and their organisations. The one-month
/// limits run from this date: the appeal (Article 20) and, where the decision involves organisational adjustment or
/// handling, the organisation department's task, which starts here with its statutory due date (Article 14).
/// </summary>
public static class RecordDelivery
{
    public sealed record Command(Guid CaseId, DateOnly? DeliveredOn, string? Recipients) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.CaseId).NotEmpty().WithMessage("请指明案件。", "Name the case.");
            RuleFor(c => c.DeliveredOn).Required().WithMessage("请填写送达日期。", "Give the date of delivery.").DoneOn(clock);
            RuleFor(c => c.Recipients).NotEmpty().WithMessage("请写明送达对象（被问责人或党组织，及其所在党组织）。", "Name who received it (the subject and their organisation).")
                .MaximumLength(2000).WithMessage("送达对象不能超过2000字。", "The recipients are at most 2000 characters.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, CaseSession session, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var record = await access.CaseAsync(command.CaseId, ct);
            access.RequireRole(Roles.PartyCommittee);
            var c = record.ToCase();
            session.Case = c;
            audit.CaseId = record.Id;
            var now = clock.GetUtcNow();
            c.RecordDelivery(command.DeliveredOn!.Value, command.Recipients!, access.Actor.UserName, now);
            record.Store(c, now);
            if (c.AdjustmentLastDay is { } lastDay)
                await runtime.StartAsync(db, ExecutionWorkflows.Adjustment,
                    new Dictionary<string, object> { [nameof(ExecutionWorkflows.Input)] = new ExecutionWorkflows.Input(c.Id.Value, c.Number, c.UnitId.Value, lastDay) },
                    correlationId: c.Id.Value.ToString(), actor: access.Actor.UserName, cancellationToken: ct);
            return Unit.Value;
        }
    }
}
