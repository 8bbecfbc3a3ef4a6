using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Workflows.Features.Admin;

/// <summary>One user an administrator manages, for editing; a user outside their units is not found.</summary>
public static class GetUser
{
    public sealed record Query(string UserId) : IRequest<Result>;

    /// <param name="IsMe">The administrator themself: some changes must be made by another administrator.</param>
    public sealed record Result(string UserId, string UserName, string DisplayName, Guid UnitId, string UnitName,
        IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil, bool TwoFactorEnabled, bool IsMe, IReadOnlyList<UnitOption> Units);

    public sealed class Handler(Access access, UserManager<AppUser> users, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            var user = await access.ManagedUserAsync(users, query.UserId, ct);
            var units = await access.ManagedUnitsAsync(ct);
            return new(user.Id, user.UserName ?? "", user.DisplayName, user.UnitId, units.First(u => u.Id == user.UnitId).Name,
                await users.RolesOfAsync(user), user.LockoutEnd > clock.GetUtcNow() ? user.LockoutEnd : null, user.TwoFactorEnabled,
                user.Id == access.Actor.UserId, units);
        }
    }
}
