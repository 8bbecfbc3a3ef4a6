using Investigation.Workflows.Data;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Deadlines;
using Investigation.Workflows.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>
/// The inbox on PostgreSQL: its query is SQL written by hand, with a part that differs by provider (the join
/// from a task to its case), so the same checks as on SQLite run here against a real server.
/// </summary>
public sealed class PostgresInboxTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    [Fact]
    public async Task Inbox_OrdersCountsPagesAndFilters_OnPostgres()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Investigation"] = await postgres.CreateDatabaseAsync("inbox"),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddInvestigationWorkflows(configuration);
        services.AddInvestigationIdentity();
        services.AddSingleton<IOptions<TaskDeadlines>>(Options.Create(TaskTimeLimits.Defaults()));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await DatabaseInitialiser.MigrateAsync(provider);
        await DemoSeeder.SeedOrganisationAsync(provider);
        await DemoSeeder.SeedUsersAsync(provider, AppHost.Password);

        await InboxTests.InboxBehavesAsync(new CaseScript(provider), clock, async write =>
        {
            await using var scope = provider.CreateAsyncScope();
            await write(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
        });
    }
}
