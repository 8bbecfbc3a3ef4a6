using FluentValidation;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator unlocks a user, whether locked by an administrator or by failed sign-ins.</summary>
public static class UnlockUser
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
            (await users.SetLockoutEndDateAsync(user, null)).ThrowIfFailed();
            (await users.ResetAccessFailedCountAsync(user)).ThrowIfFailed();
            audit.Detail = user.UserName;
            return Unit.Value;
        }
    }
}
