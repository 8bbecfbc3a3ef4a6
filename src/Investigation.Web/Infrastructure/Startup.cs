using Investigation.Workflows.Demo;
using Investigation.Workflows.Persistence;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Investigation.Web.Infrastructure;

/// <summary>What happens before the first request: the schema, the organisation, and in Development the demo.</summary>
public static class Startup
{
    public static async Task PrepareAsync(this WebApplication app)
    {
        var services = app.Services;
        await DatabaseInitialiser.MigrateAsync(services);
        await DemoSeeder.EnsureRolesAsync(services);

        // The demo organisation, users and cases exist only in Development, or where configured (Demo:Enabled):
        // a real deployment's database holds the schema and nothing else until its administrator acts.
        var demo = app.Configuration.GetValue("Demo:Enabled", app.Environment.IsDevelopment());
        var password = app.Configuration["Demo:Password"];
        if (!demo)
        {
            await ConsoleCommands.TellWhenNoAdministratorAsync(app);
            return;
        }
        if (string.IsNullOrWhiteSpace(password))
            throw new InvalidOperationException("Demo:Enabled is set but Demo:Password is not: set the demo users' password in configuration.");
        await DemoSeeder.SeedOrganisationAsync(services);
        await DemoSeeder.SeedUsersAsync(services, password);
        if (app.Configuration.GetValue("Demo:Cases", true))
            await DemoCases.SeedAsync(app.Configuration, services.GetRequiredService<TimeProvider>());

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
