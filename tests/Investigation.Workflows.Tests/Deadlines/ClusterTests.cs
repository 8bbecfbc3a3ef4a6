using System.Diagnostics;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Notifications;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// Two nodes on one PostgreSQL database, each running the application and a clustered Quartz
/// scheduler, as two processes would: every deadline effect happens once, whichever node fires it.
/// Real time, a few seconds: the scheduler is what is under test.
/// </summary>
public sealed class ClusterTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static async Task<IHost> NodeAsync(string connectionString, string name)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Investigation"] = connectionString,
            ["Deadlines:Scheduler:SafetyPoll"] = "00:10:00",
            // Several transactions side by side on each node, as phase 2 says: races within a node as well as between nodes.
            ["Deadlines:Scheduler:Workers"] = "4",
            ["Deadlines:CalendarPath"] = DeadlineApp.CalendarFolder,
        });
        builder.Services.AddInvestigationWorkflows(builder.Configuration);
        builder.Services.AddInvestigationIdentity();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<T> ReadAsync<T>(IHost node, Func<InvestigationDbContext, Task<T>> query)
    {
        await using var scope = node.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    /// <summary>Moves every pending deadline timer to one moment (as if all were due then), in one statement.</summary>
    private static Task MoveTimersAsync(IHost node, DateTimeOffset at) => ReadAsync(node, db =>
        db.Bookmarks.Where(b => b.Name == DeadlineBookmarks.Name).ExecuteUpdateAsync(s => s.SetProperty(b => b.ResumeAt, at)));

    [Fact]
    public async Task TwoClusteredNodes_EveryDeadlineEffectHappensOnce()
    {
        var connectionString = await postgres.CreateDatabaseAsync("cluster");
        using var a = await NodeAsync(connectionString, "a");
        // The schema first (the web application migrates before its scheduler starts), then the demo organisation.
        await DatabaseInitialiser.MigrateAsync(a.Services);
        await DemoSeeder.SeedOrganisationAsync(a.Services);
        await DemoSeeder.SeedUsersAsync(a.Services, AppHost.Password);
        using var b = await NodeAsync(connectionString, "b");

        const int cases = 12;
        var script = new CaseScript(a.Services);
        for (var i = 0; i < cases; i++) await script.RegisterPortalOutageAsync(DateTimeOffset.UtcNow, title: $"集群测试 {i}");

        // Phase 1: Quartz on both nodes. All 3 timers of every task come due in two seconds.
        var due = DateTimeOffset.UtcNow.AddSeconds(2);
        await MoveTimersAsync(a, due);
        a.Services.GetRequiredService<DueTimerSignal>().Raise(due);
        b.Services.GetRequiredService<DueTimerSignal>().Raise(due);

        var watch = Stopwatch.StartNew();
        while (await ReadAsync(a, db => db.Bookmarks.CountAsync(x => x.Name == DeadlineBookmarks.Name)) > 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
            await Task.Delay(100);
        Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));

        var notifications = await ReadAsync(a, db => db.Notifications.AsNoTracking().Where(n => n.Kind != NotificationKind.TaskWaiting).ToListAsync());
        Assert.Equal(cases * 4, notifications.Count); // reminder and overdue to the office, escalation and second escalation to the administrator
        Assert.All(notifications.GroupBy(n => (n.TaskId, n.Kind, n.Recipient)), g => Assert.Single(g));
        Assert.Equal(cases * 3, await ReadAsync(a, db => db.AuditEntries.CountAsync(e => e.Action == FireDueTimer.TimerFired)));
        Assert.True(await ReadAsync(a, db => AuditChainIntactAsync(db)));

        // Phase 2: both nodes' processing called at once on the same due timers, four workers each: real races at the effect.
        for (var i = 0; i < cases; i++) await script.RegisterPortalOutageAsync(DateTimeOffset.UtcNow, title: $"集群竞争 {i}");
        await MoveTimersAsync(a, DateTimeOffset.UtcNow.AddSeconds(-1));
        // Passes until none is left, as the job does: what lost a race rests a second and is taken by a later pass.
        var fired = 0;
        watch.Restart();
        while (await ReadAsync(a, db => db.Bookmarks.CountAsync(x => x.Name == DeadlineBookmarks.Name)) > 0 && watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            var runs = await Task.WhenAll(
                Task.Run(() => a.Services.GetRequiredService<DueTimers>().ProcessDueAsync()),
                Task.Run(() => b.Services.GetRequiredService<DueTimers>().ProcessDueAsync()));
            fired += runs.Sum(r => r.Fired);
            await Task.Delay(250);
        }

        notifications = await ReadAsync(a, db => db.Notifications.AsNoTracking().Where(n => n.Kind != NotificationKind.TaskWaiting).ToListAsync());
        Assert.Equal(cases * 8, notifications.Count);
        Assert.All(notifications.GroupBy(n => (n.TaskId, n.Kind, n.Recipient)), g => Assert.Single(g));
        Assert.Equal(cases * 6, await ReadAsync(a, db => db.AuditEntries.CountAsync(e => e.Action == FireDueTimer.TimerFired)));
        Assert.True(fired > 0);

        await b.StopAsync();
        await a.StopAsync();
    }

    private static async Task<bool> AuditChainIntactAsync(InvestigationDbContext db) => (await Audit.AuditChain.VerifyAsync(db)).Intact;
}
