using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator changes the roles of one of their users; the user's sessions take the change within a minute.</summary>
public static class ChangeUserRoles
{
    public sealed record Command(string UserId, IReadOnlyList<string> Roles) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.Roles).NotEmpty().WithMessage("请为该用户至少选择一个角色。", "Give the user at least one role.");
            // On the list, not its element: the form has one place for the roles' message, whichever box was tampered.
            RuleFor(c => c.Roles).Must(rs => rs is null || rs.All(r => Roles.All.Contains(r)))
                .WithMessage(c => Say.T($"“{string.Join("、", c.Roles.Where(r => !Roles.All.Contains(r)))}”不是本系统的角色。",
                    $"'{string.Join("', '", c.Roles.Where(r => !Roles.All.Contains(r)))}' is not a role of this application."));
        }
    }

    public sealed class Handler(Access access, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await access.ManagedUserAsync(users, command.UserId, ct);
            var before = await users.RolesOfAsync(user);
            var after = command.Roles.Distinct().ToList();
            // Otherwise the last administrator of a unit could lock everyone out of its administration.
            if (user.Id == access.Actor.UserId && before.Contains(Roles.Administrator) && !after.Contains(Roles.Administrator))
                throw new DomainException("您不能取消自己的系统管理员角色：须由另一名系统管理员办理。", "You cannot remove your own administrator role: another administrator must do it.");
            (await users.RemoveFromRolesAsync(user, before.Except(after))).ThrowIfFailed();
            (await users.AddToRolesAsync(user, after.Except(before))).ThrowIfFailed();
            // Identity does not change the stamp for roles; without it a signed-in user would keep the old roles.
            (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
            audit.Detail = $"{user.UserName}: [{string.Join(", ", before)}] -> [{string.Join(", ", await users.RolesOfAsync(user))}]";
            return Unit.Value;
        }
    }
}
