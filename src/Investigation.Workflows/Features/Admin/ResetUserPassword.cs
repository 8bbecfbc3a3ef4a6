using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator sets a new password for one of their users (who forgot theirs); the user's sessions end.</summary>
public static class ResetUserPassword
{
    /// <remarks>The password is never serialized (so never in the audit entry) and never printed.</remarks>
    public sealed record Command(string UserId, [property: JsonIgnore] string NewPassword) : ICommand<Unit>
    {
        public override string ToString() => $"{nameof(ResetUserPassword)} {{ UserId = {UserId} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<AppUser> users)
        {
            RuleFor(c => c.UserId).NotEmpty();
            RuleFor(c => c.NewPassword).NotEmpty().Limit(1_024).MeetsPasswordPolicy(users);
        }
    }

    public sealed class Handler(Access access, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await access.ManagedUserAsync(users, command.UserId, ct);
            // Both steps are in the command's transaction: if the new password is refused, the old one stays.
            (await users.RemovePasswordAsync(user)).ThrowIfFailed(nameof(Command.NewPassword));
            (await users.AddPasswordAsync(user, command.NewPassword)).ThrowIfFailed(nameof(Command.NewPassword));
            audit.Detail = user.UserName;
            return Unit.Value;
        }
    }
}
