using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Audit;

/// <summary>
/// The system tells every administrator and auditor that the nightly verification found the audit
/// record's chain broken (Article 11: the record of how a case was handled must be kept intact), with
/// where it breaks, so that they look at it. Sent by the nightly AuditChainCheck job only; the
/// notifications and the audit entry of this report are written in one transaction. While the chain
/// stays broken, each night tells them again.
/// </summary>
public static class ReportAuditChainBreak
{
    public sealed record Command(long EntriesChecked, long? BrokenAt, string Finding) : ICommand<int>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Finding).NotEmpty().WithMessage("请说明核验发现的问题。", "Say what the verification found.").MaximumLength(2000);
        }
    }

    public sealed class Handler(InvestigationDbContext db, CurrentActor actor, Notifier notifier) : IRequestHandler<Command, int>
    {
        public async Task<int> Handle(Command command, CancellationToken ct)
        {
            if (actor.Actor != Actor.System)
                throw new ForbiddenException("只有系统的夜间核验可以报告审计链断裂。", "Only the system's nightly verification reports a broken audit chain.");
            var recipients = await (from u in db.Users.AsNoTracking()
                                    join ur in db.UserRoles on u.Id equals ur.UserId
                                    join r in db.Roles on ur.RoleId equals r.Id
                                    where r.Name == Roles.Administrator || r.Name == Roles.Auditor
                                    select u.UserName!).Distinct().ToListAsync(ct);
            var at = command.BrokenAt is { } n ? $"#{n}" : "?";
            await notifier.NotifyAsync(recipients, new Message(NotificationKind.AuditChainBroken,
                new BilingualText("审计记录链已断裂", "The audit record's chain is broken"),
                new BilingualText($"夜间核验发现审计记录在第 {at} 条处断裂（共核验 {command.EntriesChecked} 条）：{command.Finding}",
                    $"The nightly verification found the audit record broken at entry {at} ({command.EntriesChecked} checked): {command.Finding}"),
                "/Audit"), ct);
            return recipients.Count;
        }
    }
}
