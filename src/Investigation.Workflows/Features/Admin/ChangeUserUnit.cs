using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator moves one of their users to another of their units; what the user sees changes with it.</summary>
public static class ChangeUserUnit
{
    public sealed record Command(string UserId, Guid UnitId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("请选择该用户所在的单位。", "Choose the user's unit.");
        }
    }

    public sealed class Handler(Access access, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await access.ManagedUserAsync(users, command.UserId, ct);
            await access.RequireManagedUnitAsync(command.UnitId, nameof(Command.UnitId), ct);
            // Moving oneself down would take one's own unit out of one's administration.
            if (user.Id == access.Actor.UserId)
                throw new DomainException("您不能把自己调到其他单位：须由另一名系统管理员办理。", "You cannot move yourself to another unit: another administrator must do it.");
            audit.Detail = $"{user.UserName}: unit {user.UnitId} -> {command.UnitId}";
            user.UnitId = command.UnitId;
            // The unit is in the sign-in cookie: a new stamp makes the user's sessions pick up the new one.
            (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
            return Unit.Value;
        }
    }
}
