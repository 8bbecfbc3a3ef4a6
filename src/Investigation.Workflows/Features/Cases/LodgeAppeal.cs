using FluentValidation;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime;
using MediatR;

namespace Investigation.Workflows.Features.Cases;

/// <summary>
/// The deciding organisation records a written appeal it received (Article 20). One in time starts the appeal's own
/// workflow, whose task the organisation answers within one month; a late one is kept, refused, with the reason.
/// The decision's execution goes on meanwhile.
/// </summary>
public static class LodgeAppeal
{
    public sealed record Command(Guid CaseId, TargetKind? Target, Guid? SubjectId, DateOnly? LodgedOn, string? Grounds) : ICommand<Result>;

    public sealed record Result(int Number, AppealStatus Status, DateOnly LastDay, string? Answer);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.CaseId).NotEmpty().WithMessage("请指明案件。", "Name the case.");
            RuleFor(c => c.Target).Required().IsInEnum().WithMessage("请选择申诉人的种类。", "Choose the kind of appellant.");
            RuleFor(c => c.SubjectId).Required().NotEmpty().WithMessage("请选择申诉人。", "Choose the appellant.");
            RuleFor(c => c.LodgedOn).Required().WithMessage("请填写收到书面申诉的日期。", "Give the date the written appeal was received.").DoneOn(clock);
            RuleFor(c => c.Grounds).NotEmpty().WithMessage("请写明申诉理由。", "State the grounds of the appeal.")
                .MaximumLength(Appeal.MaxTextLength).WithMessage("申诉理由不能超过20000字。", "The grounds are at most 20,000 characters.");
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, CaseSession session, WorkflowRuntime runtime, AuditScope audit, TimeProvider clock)
        : IRequestHandler<Command, Result>
    {
        public async Task<Result> Handle(Command command, CancellationToken ct)
        {
            var record = await access.CaseAsync(command.CaseId, ct);
            access.RequireRole(Roles.PartyCommittee);
            var c = record.ToCase();
            session.Case = c;
            audit.CaseId = record.Id;
            var now = clock.GetUtcNow();
            var appeal = c.LodgeAppeal(new AccountabilitySubject(command.Target!.Value, command.SubjectId!.Value), command.LodgedOn!.Value, command.Grounds!, access.Actor.UserName, now);
            record.Store(c, now);
            if (appeal.Status == AppealStatus.Pending)
                await runtime.StartAsync(db, ExecutionWorkflows.Appeal,
                    new Dictionary<string, object>
                    {
                        [nameof(ExecutionWorkflows.Input)] = new ExecutionWorkflows.Input(c.Id.Value, c.Number, c.UnitId.Value, appeal.AnswerLastDay, appeal.Number),
                    },
                    correlationId: c.Id.Value.ToString(), actor: access.Actor.UserName, cancellationToken: ct);
            else
                audit.Detail = appeal.Answer;
            return new(appeal.Number, appeal.Status, appeal.LastDay, appeal.Answer);
        }
    }
}
