using Investigation.Domain.Incidents;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Deadlines;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>
/// Concurrent writes on PostgreSQL, from two application instances on one database (two nodes): every
/// write appends to the one audit chain, so steps on different cases must both succeed, and two steps
/// on one task must end as one success and one conflict (409), never a failure on the chain's key.
/// </summary>
public sealed class PostgresConcurrencyTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    public static async Task<ServiceProvider> NodeAsync(string connectionString, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Investigation"] = connectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddInvestigationWorkflows(configuration);
        services.AddInvestigationIdentity();
        services.AddSingleton<IOptions<TaskDeadlines>>(Options.Create(TaskTimeLimits.Defaults()));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static RecordFindings.Command Findings(Guid task, string facts) =>
        new(task, [new(CaseScript.Operator.Value, true, facts, ["询问笔录"], Article3Duty.ProtectionAndIncidentHandling)]);

    private static async Task<Exception?> Attempt(Func<Task> action)
    {
        try { await action(); return null; }
        catch (Exception e) { return e; }
    }

    [Fact]
    public async Task ConcurrentSteps_OnTwoNodes_DifferentCasesAllSucceed_OneTaskIsOneWinAndOneConflict()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var connectionString = await postgres.CreateDatabaseAsync("concurrency");
        await using var a = await NodeAsync(connectionString, clock);
        await using var b = await NodeAsync(connectionString, clock);
        await DatabaseInitialiser.MigrateAsync(a);
        await DemoSeeder.SeedOrganisationAsync(a);
        await DemoSeeder.SeedUsersAsync(a, AppHost.Password);

        const int cases = 16;
        var script = new CaseScript(a);
        var tasks = new List<Guid>();
        for (var i = 0; i < cases; i++)
        {
            var id = (await script.RegisterPortalOutageAsync(clock.GetUtcNow(), title: $"并发测试 {i}")).CaseId;
            await script.AcceptAsync(id);
            tasks.Add(await script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator"));
        }
        await using var scope = a.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        var before = await db.AuditEntries.CountAsync();

        // Different cases, all at once, half on each node: every one succeeds.
        var different = tasks.Take(cases / 2).Select((task, i) => Task.Run(() => Attempt(() =>
            new CaseScript(i % 2 == 0 ? a : b).SendAs(i % 2 == 0 ? "investigator" : "investigator2", Findings(task, $"事实 {i}")))));
        Assert.All(await Task.WhenAll(different), e => Assert.Null(e));

        // The same task from both nodes at once, for each of the other cases: one wins, the other is a conflict.
        var races = tasks.Skip(cases / 2).Select(task => Task.Run(async () => await Task.WhenAll(
            Task.Run(() => Attempt(() => new CaseScript(a).SendAs("investigator", Findings(task, "组长认定的事实")))),
            Task.Run(() => Attempt(() => new CaseScript(b).SendAs("investigator2", Findings(task, "组员认定的事实")))))));
        foreach (var pair in await Task.WhenAll(races))
        {
            Assert.Single(pair, e => e is null);
            Assert.IsType<ConflictException>(Assert.Single(pair, e => e is not null));
        }

        Assert.Equal(before + cases, await db.AuditEntries.CountAsync());
        Assert.Equal(cases, await db.HumanTasks.CountAsync(t => t.Kind == TaskKinds.PartyConcernedFindings && t.CompletedBy != null));
        var verification = await AuditChain.VerifyAsync(db);
        Assert.True(verification.Intact, verification.Message);
    }

    [Fact]
    public async Task ConcurrentRegistrations_OnTwoNodes_AllSucceed_UnderNumbersOfTheirOwn()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var connectionString = await postgres.CreateDatabaseAsync("registrations");
        await using var a = await NodeAsync(connectionString, clock);
        await using var b = await NodeAsync(connectionString, clock);
        await DatabaseInitialiser.MigrateAsync(a);
        await DemoSeeder.SeedOrganisationAsync(a);
        await DemoSeeder.SeedUsersAsync(a, AppHost.Password);

        // Before, most of these lost to each other on the case number's unique index (409s in the nodes benchmark).
        var registrations = Enumerable.Range(0, 8).Select(i => Task.Run(() => Attempt(() =>
            new CaseScript(i % 2 == 0 ? a : b).RegisterPortalOutageAsync(clock.GetUtcNow(), title: $"并发登记 {i}")))).ToList();
        Assert.All(await Task.WhenAll(registrations), e => Assert.Null(e));

        await using var scope = a.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        var numbers = await db.Cases.Select(c => c.Number).ToListAsync();
        Assert.Equal(8, numbers.Count);
        Assert.Equal(8, numbers.Distinct().Count());
    }
}
