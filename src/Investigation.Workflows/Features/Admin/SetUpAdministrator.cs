using System.Text.Json.Serialization;
using FluentValidation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Pipeline;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Admin;

/// <summary>
/// The first administrator of a real deployment, created from the server's console (the
/// <c>setup-admin</c> command): with no user able to sign in yet, nobody could create one in the pages.
/// Refused once any administrator exists, so the command cannot be used to take over a running system.
/// The administrator belongs to the root unit; on an empty organisation they have none until the first
/// import places them at its root (ImportOrganisation).
/// </summary>
public static class SetUpAdministrator
{
    /// <remarks>The password is never serialized (so never in the audit entry) and never printed.</remarks>
    public sealed record Command(string UserName, string DisplayName, [property: JsonIgnore] string Password) : ICommand<string>
    {
        public override string ToString() => $"{nameof(SetUpAdministrator)} {{ UserName = {UserName} }}";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(UserManager<AppUser> users)
        {
            RuleFor(c => c.UserName).NotEmpty().MaximumLength(64);
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
            RuleFor(c => c.Password).NotEmpty().MeetsPasswordPolicy(users);
        }
    }

    public sealed class Handler(InvestigationDbContext db, UserManager<AppUser> users, AuditScope audit) : IRequestHandler<Command, string>
    {
        public async Task<string> Handle(Command command, CancellationToken ct)
        {
            // Read inside the transaction: two consoles racing queue on the write turn, the second finds the first.
            if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0)
                throw new ConflictException("系统中已有管理员：初始管理员只能设置一次。请由现有管理员在“用户”页面中添加用户。",
                    "An administrator exists already: the first administrator is set up once. Ask an existing administrator to add users in the Users page.");
            var root = await db.Units.AsNoTracking().Where(u => u.ParentId == null).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            var user = new AppUser { UserName = command.UserName.Trim(), DisplayName = command.DisplayName.Trim(), UnitId = root ?? Guid.Empty };
            (await users.CreateAsync(user, command.Password)).ThrowIfFailed();
            (await users.AddToRoleAsync(user, Roles.Administrator)).ThrowIfFailed();
            audit.Detail = $"user id {user.Id}";
            return user.Id;
        }
    }
}
