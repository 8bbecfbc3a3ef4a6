using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Account;

/// <summary>A user changes their own password, proving they know the current one. Their other sessions end.</summary>
public static class ChangePassword
{
    /// <remarks>Neither password is ever serialized (so never in the audit entry) nor printed.</remarks>
    public sealed record Command([property: JsonIgnore] string CurrentPassword, [property: JsonIgnore] string NewPassword) : ICommand<Unit>
    {
        public override string ToString() => nameof(ChangePassword);
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<AppUser> users)
        {
            RuleFor(c => c.CurrentPassword).NotEmpty().Limit(1_024);
            RuleFor(c => c.NewPassword).NotEmpty().Limit(1_024).MeetsPasswordPolicy(users)
                .NotEqual(c => c.CurrentPassword).WithMessage("新密码不能与当前密码相同。", "Choose a password different from the current one.");
        }
    }

    public sealed class Handler(Access access, UserManager<AppUser> users) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await users.MeAsync(access);
            var result = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)))
                throw Say.Invalid(nameof(Command.CurrentPassword), "当前密码不正确。", "The current password is wrong.");
            result.ThrowIfFailed(nameof(Command.NewPassword));
            return Unit.Value;
        }
    }
}
