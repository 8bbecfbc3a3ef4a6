using System.Diagnostics;
using Investigation.Domain;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Data;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Tests.Deadlines;
using Investigation.Workflows.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>
/// Two application instances on one PostgreSQL database, each with the organisation tree in memory: a
/// unit added on one is seen by the other within a second, without a restart.
/// </summary>
public sealed class OrganisationChangeTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static async Task<IHost> NodeAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Investigation"] = connectionString,
            ["Deadlines:CalendarPath"] = DeadlineApp.CalendarFolder,
        });
        builder.Services.AddInvestigationWorkflows(builder.Configuration);
        builder.Services.AddInvestigationIdentity();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<OrganisationTree> TreeAsync(IHost node)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await node.Services.GetRequiredService<OrganisationStore>().GetAsync(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    /// <summary>Bounded wait for the node's store to be caching (its listener connected), so the test is of the cache, not of a bypass.</summary>
    private static async Task UntilCachingAsync(IHost node)
    {
        var watch = Stopwatch.StartNew();
        while (!ReferenceEquals(await TreeAsync(node), await TreeAsync(node)))
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), "The node never started caching the organisation.");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task AUnitAddedOnOneNode_IsSeenByTheOtherWithinASecond()
    {
        var connectionString = await postgres.CreateDatabaseAsync("organisation");
        using var a = await NodeAsync(connectionString);
        await DatabaseInitialiser.MigrateAsync(a.Services);
        await DemoSeeder.SeedOrganisationAsync(a.Services);
        await DemoSeeder.SeedUsersAsync(a.Services, AppHost.Password);
        using var b = await NodeAsync(connectionString);
        await UntilCachingAsync(a);
        await UntilCachingAsync(b);
        var province = (await TreeAsync(b)).Units.Single(u => u.ParentId is null).Id;

        for (var round = 0; round < 3; round++)
        {
            var id = await new CaseScript(a.Services).SendAs("admin",
                new AddUnit.Command($"新设单位 {round}", UnitKind.PartyOrGovernmentOrgan, AdministrativeLevel.Prefecture, province.Value, null));
            // From the commit: the command has returned.
            var watch = Stopwatch.StartNew();
            while (!(await TreeAsync(b)).Units.Any(u => u.Id == new UnitId(id)))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"Node b did not see the unit added on node a within a second (round {round}).");
                await Task.Delay(10);
            }
            Assert.Contains((await TreeAsync(a)).Units, u => u.Id == new UnitId(id));
        }

        await b.StopAsync();
        await a.StopAsync();
    }
}
