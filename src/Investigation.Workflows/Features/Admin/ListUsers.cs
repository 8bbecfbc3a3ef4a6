using Investigation.Workflows.Data;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Admin;

/// <summary>The users an administrator manages (their unit and the units below it), with roles and lockout.</summary>
public static class ListUsers
{
    public sealed record Query : IRequest<Result>;

    /// <param name="LockedOutUntil">Set while the user is locked out; <see cref="DateTimeOffset.MaxValue"/> when an administrator locked them.</param>
    public sealed record Item(string UserId, string UserName, string DisplayName, Guid UnitId, string UnitName,
        IReadOnlyList<string> Roles, DateTimeOffset? LockedOutUntil, bool TwoFactorEnabled);

    /// <param name="Units">The units the administrator may put a user in.</param>
    public sealed record Result(IReadOnlyList<Item> Users, IReadOnlyList<UnitOption> Units);

    public sealed class Handler(InvestigationDbContext db, Access access, TimeProvider clock) : IRequestHandler<Query, Result>
    {
        public async Task<Result> Handle(Query query, CancellationToken ct)
        {
            access.RequireRole(Roles.Administrator);
            var units = await access.ManagedUnitsAsync(ct);
            var unitIds = units.Select(u => u.Id).ToList();
            var users = await db.Users.AsNoTracking().Where(u => unitIds.Contains(u.UnitId)).OrderBy(u => u.UserName).ToListAsync(ct);
            var userIds = users.Select(u => u.Id).ToList();
            var roles = (await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                where userIds.Contains(ur.UserId)
                                select new { ur.UserId, r.Name }).ToListAsync(ct))
                .ToLookup(x => x.UserId, x => x.Name);
            var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
            var now = clock.GetUtcNow();
            return new(users.Select(u => new Item(u.Id, u.UserName ?? "", u.DisplayName, u.UnitId, unitNames[u.UnitId],
                    Roles.All.Where(roles[u.Id].Contains).ToList(), u.LockoutEnd > now ? u.LockoutEnd : null, u.TwoFactorEnabled)).ToList(),
                units);
        }
    }
}
