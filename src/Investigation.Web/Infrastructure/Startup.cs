using Investigation.Workflows.Data;
using Investigation.Workflows.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Investigation.Web.Infrastructure;

/// <summary>What happens before the first request: the schema, the organisation, and in Development the demo.</summary>
public static class Startup
{
    /// <summary>
    /// The `migrate` command (`dotnet Investigation.Web.dll migrate`): applies the migrations and the seed
    /// rows under the database's start-up lock, then ends; the nodes can then start with
    /// Database:MigrateAtStart=false.
    /// </summary>
    public static async Task<int> MigrateCommandAsync(this WebApplication app)
    {
        var pending = await DatabaseInitialiser.PendingMigrationsAsync(app.Services);
        await DatabaseInitialiser.UnderStartupLockAsync(app.Services, _ => SetUpDatabaseAsync(app));
        Console.WriteLine(pending.Count == 0 ? "The database schema was up to date." : $"Applied {pending.Count} migration(s): {string.Join(", ", pending)}.");
        return 0;
    }

    /// <summary>Migrates and seeds: what one node does while the start-up lock keeps the others waiting.</summary>
    private static async Task SetUpDatabaseAsync(WebApplication app)
    {
        var services = app.Services;
        await DatabaseInitialiser.MigrateAsync(services);
        await DemoSeeder.EnsureRolesAsync(services);

        // The demo organisation, users and cases exist only in Development, or where configured (Demo:Enabled):
        // a real deployment's database holds the schema and nothing else until its administrator acts.
        if (!DemoEnabled(app, out var password))
        {
            await ConsoleCommands.TellWhenNoAdministratorAsync(app);
            return;
        }
        await DemoSeeder.SeedOrganisationAsync(services);
        await DemoSeeder.SeedUsersAsync(services, password);
        if (app.Configuration.GetValue("Demo:Cases", true))
            await DemoCases.SeedAsync(app.Configuration, services.GetRequiredService<TimeProvider>());
    }

    private static bool DemoEnabled(WebApplication app, out string password)
    {
        password = app.Configuration["Demo:Password"] ?? "";
        if (!app.Configuration.GetValue("Demo:Enabled", app.Environment.IsDevelopment())) return false;
        if (string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException("Demo:Enabled is set but Demo:Password is not: set the demo users' password in configuration.");
        return true;
    }

    public static async Task PrepareAsync(this WebApplication app)
    {
        var services = app.Services;
        // Several nodes may start at once on one database: one migrates and seeds, the others wait, then find it done.
        if (app.Configuration.GetValue("Database:MigrateAtStart", true))
            await DatabaseInitialiser.UnderStartupLockAsync(services, _ => SetUpDatabaseAsync(app));
        if (!DemoEnabled(app, out var password)) return;

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine();
            Console.WriteLine($"Investigation is running. Sign in at {string.Join(" or ", addresses.Select(a => a + "/Account/Login"))}");
            Console.WriteLine($"Demo users (password: {password}):");
            foreach (var u in DemoOrganisation.Users)
                Console.WriteLine($"  {u.UserName,-24} {string.Join(", ", u.Roles)}");
            Console.WriteLine();
        });
    }
}
