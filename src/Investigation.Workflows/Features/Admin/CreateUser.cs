using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>An administrator creates a user in one of their units, with roles and an initial password.</summary>
public static class CreateUser
{
    /// <remarks>
    /// The password is never serialized (so never in the audit entry, which records the command) and
    /// never printed.
    /// </remarks>
    public sealed record Command(string UserName, string DisplayName, Guid UnitId, IReadOnlyList<string> Roles,
        [property: JsonIgnore] string Password) : ICommand<string>
    {
        public override string ToString() => $"{nameof(CreateUser)} {{ UserName = {UserName}, UnitId = {UnitId} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<AppUser> users)
        {
            RuleFor(c => c.UserName).NotEmpty().MaximumLength(64);
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.UnitId).NotEmpty().WithMessage("请选择该用户所在的单位。", "Choose the user's unit.");
            RuleFor(c => c.Roles).NotEmpty().WithMessage("请为该用户至少选择一个角色。", "Give the user at least one role.");
            // On the list as a whole, so that the message stands at the field the form shows.
            RuleFor(c => c.Roles).Must(rs => rs is null || rs.All(r => Roles.All.Contains(r)))
                .WithMessage("所选角色中有本系统没有的角色。", "A chosen role is not a role of this application.");
            RuleFor(c => c.Password).NotEmpty().Limit(1_024).MeetsPasswordPolicy(users);
        }
    }

    public sealed class Handler(Access access, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command command, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            await access.RequireManagedUnitAsync(command.UnitId, nameof(Command.UnitId), ct);
            // UserManager saves through the request's DbContext, inside the command's transaction.
            var user = new AppUser { UserName = command.UserName.Trim(), DisplayName = command.DisplayName.Trim(), UnitId = command.UnitId };
            (await users.CreateAsync(user, command.Password)).ThrowIfFailed();
            (await users.AddToRolesAsync(user, command.Roles.Distinct())).ThrowIfFailed();
            audit.Detail = $"user id {user.Id}";
            return user.Id;
        }
    }
}
