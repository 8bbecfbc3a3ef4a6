using Investigation.Workflows.Data;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Tests.Deadlines;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>
/// Three nodes starting at the same moment on an empty PostgreSQL database: each migrates and seeds at
/// start-up, as the web application does, and all three come up on one schema with one set of rows.
/// </summary>
public sealed class PostgresStartupTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task ThreeNodesStartingTogether_OnAnEmptyDatabase_AllComeUp_AndSeedOnce()
    {
        var clock = TimeProvider.System;
        var connectionString = await postgres.CreateDatabaseAsync("startup");
        var nodes = new[]
        {
            await PostgresConcurrencyTests.NodeAsync(connectionString, clock),
            await PostgresConcurrencyTests.NodeAsync(connectionString, clock),
            await PostgresConcurrencyTests.NodeAsync(connectionString, clock),
        };
        try
        {
            using var start = new Barrier(nodes.Length);
            var startups = nodes.Select(node => Task.Run(async () =>
            {
                start.SignalAndWait();
                await DatabaseInitialiser.UnderStartupLockAsync(node, async ct =>
                {
                    await DatabaseInitialiser.MigrateAsync(node, ct);
                    await DemoSeeder.SeedOrganisationAsync(node, ct);
                    await DemoSeeder.SeedUsersAsync(node, AppHost.Password, ct);
                });
            }));
            await Task.WhenAll(startups);

            foreach (var node in nodes)
            {
                Assert.Empty(await DatabaseInitialiser.PendingMigrationsAsync(node));
                await using var scope = node.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
                Assert.Equal(DemoOrganisation.Build().Units.Count(), await db.Units.CountAsync());
                Assert.Equal(DemoOrganisation.Users.Count, await db.Users.CountAsync());
            }
        }
        finally
        {
            foreach (var node in nodes) await node.DisposeAsync();
        }
    }
}
