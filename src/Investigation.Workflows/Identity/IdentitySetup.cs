using Investigation.Domain;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Identity;

public static class IdentitySetup
{
    /// <summary>Users and roles stored with the cases; the web adds sign-in on top.</summary>
    public static IdentityBuilder AddInvestigationIdentity(this IServiceCollection services) =>
        services.AddIdentityCore<AppUser>(Configure).AddRoles<IdentityRole>().AddEntityFrameworkStores<InvestigationDbContext>()
            .AddErrorDescriber<IdentityMessages>().AddUserManager<AppUserManager>();

    /// <summary>A strong password policy and lockout after repeated failures.</summary>
    public static void Configure(IdentityOptions o)
    {
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = true;
        o.Password.RequiredUniqueChars = 6;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.User.RequireUniqueEmail = false;
    }

    /// <summary>The actor for a user name, read from the user and role tables; null if there is no such user.</summary>
    public static async Task<Actor?> ActorForAsync(InvestigationDbContext db, string userName, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName, ct);
        if (user is null) return null;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == user.Id select r.Name!).ToListAsync(ct);
        return new Actor(user.Id, user.UserName!, new UnitId(user.UnitId), roles.ToHashSet());
    }
}
