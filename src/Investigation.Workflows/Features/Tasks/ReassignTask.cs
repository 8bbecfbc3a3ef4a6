using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// An administrator, the case's lead investigator (for investigation tasks) or the current assignee
/// hands a task to another user who holds its role and sees its unit; the reason goes on the record.
/// An investigation task goes only to a member of the case's investigation team, as only they may complete it.
/// </summary>
public static class ReassignTask
{
    public sealed record Command(Guid TaskId, string? ToUser, string? Reason) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ToUser).NotEmpty().WithMessage("请选择接手任务的人。", "Choose who takes the task.").Limit(256);
            RuleFor(c => c.Reason).NotEmpty().WithMessage("请说明改派的理由。", "Give the reason for the reassignment.").Limit(2_000);
        }
    }

    public sealed class Handler(InvestigationDbContext db, Access access, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var task = await TaskStep.FindVisibleAsync(db, access, command.TaskId, ct);
            if (task.Status != HumanTaskStatus.Open) throw new ConflictException($"该任务{TaskStep.StatusName(task.Status).Zh}，不能改派。", $"This task is {task.Status.ToString().ToLowerInvariant()}; it cannot be reassigned.");
            var caseId = Guid.TryParse(task.CorrelationId, out var id) ? id : Guid.Empty;
            audit.CaseId = caseId;
            var actor = access.Actor;
            var team = TaskKinds.Of(task.Kind).Role == Roles.Investigator ? (await TaskStep.CaseOfAsync(db, task, ct))?.Team : null;
            var allowed = actor.IsIn(Roles.Administrator) || task.AssigneeId == actor.UserName
                || (task.CandidateRole == Roles.Investigator && team?.Lead == actor.UserName);
            if (!allowed) throw new ForbiddenException("只有系统管理员、调查组组长或当前办理人才能改派此任务。", "Only an administrator, the lead investigator or the current assignee can reassign this task.");
            if (team is not null && !actor.IsIn(Roles.Administrator) && !team.Includes(actor.UserName))
                throw new ForbiddenException("只有本案调查组成员才能办理其调查任务。", "Only members of the case's investigation team work on its investigation tasks.");

            var target = await db.Users.FirstOrDefaultAsync(u => u.UserName == command.ToUser, ct);
            var targetRoles = target is null ? [] : await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                                          where ur.UserId == target.Id select r.Name).ToListAsync(ct);
            var tree = await access.OrganisationAsync(ct);
            if (target is null || !targetRoles.Contains(task.CandidateRole)
                || !Guid.TryParse(task.UnitId, out var unit) || !tree.Contains(new UnitId(target.UnitId))
                || !tree.IsWithin(new UnitId(unit), new UnitId(target.UnitId)))
                throw Say.Invalid(nameof(Command.ToUser),
                    $"{command.ToUser}不能接手此任务：须由案件所涉单位或其上级单位中具有“{Roles.Name(task.CandidateRole).Zh}”角色的人办理。",
                    $"{command.ToUser} cannot take this task: it needs the role {task.CandidateRole} in a unit that covers the case.");
            if (team is not null && !team.Includes(target.UserName!))
                throw Say.Invalid(nameof(Command.ToUser), $"{target.UserName}不是本案调查组成员：调查任务只能改派给调查组成员（{string.Join("、", team.Members)}）。",
                    $"{target.UserName} is not on the case's investigation team: an investigation task goes only to a member ({string.Join(", ", team.Members)}).");
            task.AssigneeId = target.UserName;
            task.Version++;
            audit.Detail = $"reassigned to {target.UserName}: {command.Reason}";
            return Unit.Value;
        }
    }
}
