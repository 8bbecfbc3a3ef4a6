using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Demo;

/// <summary>
/// Seeds the demo organisation, the roles and the demo users into an empty database. Only when
/// Demo:Enabled is true (Startup): a real deployment imports its own organisation.
/// </summary>
public static class DemoSeeder
{
    /// <summary>Adds the organisation and the roles if the database has none. Safe to call at every start.</summary>
    public static async Task SeedOrganisationAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        if (!await db.Units.AnyAsync(ct))
        {
            OrganisationStore.Add(db, DemoOrganisation.Build());
            await db.SaveChangesAsync(ct);
            services.GetRequiredService<OrganisationStore>().Invalidate();
        }
        await EnsureRolesAsync(services, ct);
    }

    /// <summary>
    /// Adds the application's roles that the database lacks. Every start does this, demo or not: roles are
    /// part of the schema's meaning, not demo data.
    /// </summary>
    public static async Task EnsureRolesAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All.Where(r => !roles.Roles.Any(x => x.Name == r)))
            Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
    }

    /// <summary>Creates the demo users that do not exist yet, all with the given password.</summary>
    public static async Task SeedUsersAsync(IServiceProvider services, string password, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        foreach (var demo in DemoOrganisation.Users)
        {
            if (await users.FindByNameAsync(demo.UserName) is not null) continue;
            var user = new AppUser
            {
                UserName = demo.UserName,
                Email = $"{demo.UserName}@demo.invalid",
                EmailConfirmed = true,
                DisplayName = demo.DisplayName,
                UnitId = demo.Unit.Value,
            };
            Check(await users.CreateAsync(user, password), $"user {demo.UserName}");
            Check(await users.AddToRolesAsync(user, demo.Roles), $"roles of {demo.UserName}");
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
    }
}
