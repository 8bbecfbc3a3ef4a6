using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator locks one of their users out until unlocked; the user's sessions end within a minute.</summary>
public static class LockUser
{
    public sealed record Command(string UserId) : ICommand<Unit>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.UserId).NotEmpty();
    }

    public sealed class Handler(Access access, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await access.ManagedUserAsync(users, command.UserId, ct);
            if (user.Id == access.Actor.UserId) throw new DomainException("您不能锁定自己的账户。", "You cannot lock yourself out.");
            (await users.SetLockoutEnabledAsync(user, true)).ThrowIfFailed();
            (await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue)).ThrowIfFailed();
            // Lockout stops new sign-ins; a new stamp ends the sessions already open.
            (await users.UpdateSecurityStampAsync(user)).ThrowIfFailed();
            audit.Detail = user.UserName;
            return Unit.Value;
        }
    }
}
