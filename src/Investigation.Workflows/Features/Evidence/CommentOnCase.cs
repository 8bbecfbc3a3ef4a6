using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;

namespace Investigation.Workflows.Features.Evidence;

/// <summary>A remark on a case for its team, by anyone who works on cases and may see this one (auditors only read).</summary>
public static class CommentOnCase
{
    public sealed record Command(Guid CaseId, string Text) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            RuleFor(c => c.Text).NotEmpty().WithMessage("请填写评论内容。", "Write the comment.")
                .MaximumLength(4000).WithMessage("评论不能超过4000字。", "A comment cannot be longer than 4,000 characters.");
    }

    public sealed class Handler(Access access, AuditScope audit, TimeProvider clock, InvestigationDbContext db) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var record = await access.CaseAsync(command.CaseId, ct, tracking: false);
            access.RequireRole(Roles.CaseOfficer, Roles.Investigator, Roles.DisciplineReviewer, Roles.DisciplineApprover,
                Roles.PartyCommittee, Roles.CadreManagement, Roles.Administrator);
            var now = clock.GetUtcNow();
            db.Set<CaseComment>().Add(new CaseComment { Id = Guid.CreateVersion7(now), CaseId = record.Id, Author = access.Actor.UserName, Text = command.Text.Trim(), At = now });
            audit.CaseId = record.Id;
            return Unit.Value;
        }
    }
}
