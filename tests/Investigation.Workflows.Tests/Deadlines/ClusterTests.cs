using System.Diagnostics;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// Two nodes on one PostgreSQL database, each running the application and a Hangfire server on the
/// shared PostgreSQL storage, as two processes would: every deadline effect happens once, whichever
/// node fires it, and when a node stops the other fires what is due within 15 s. Real time, a few
/// seconds, with every wait bounded and on a condition; what is asserted is read from the rows.
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
            ["Deadlines:Scheduler:SchedulePollingInterval"] = "00:00:01",
            ["Deadlines:Scheduler:QueuePollInterval"] = "00:00:01",
            ["Deadlines:Scheduler:Lead"] = "00:00:03",
            ["Deadlines:Scheduler:Horizon"] = "00:00:04",
            ["Deadlines:Scheduler:SafetyPoll"] = "00:00:01",
            ["Deadlines:Scheduler:Takeover"] = "00:00:02",
            ["Deadlines:Scheduler:SweepCron"] = Hangfire.Cron.Never(),
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

        // Phase 1: Hangfire on both nodes. All 3 timers of every task come due in two seconds.
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

    [Fact]
    public async Task WhenANodeStops_TheOtherFiresWhatIsDue_WithinFifteenSeconds_Once()
    {
        var connectionString = await postgres.CreateDatabaseAsync("takeover");
        var a = await NodeAsync(connectionString, "a");
        await DatabaseInitialiser.MigrateAsync(a.Services);
        await DemoSeeder.SeedOrganisationAsync(a.Services);
        await DemoSeeder.SeedUsersAsync(a.Services, AppHost.Password);
        using var b = await NodeAsync(connectionString, "b");

        const int cases = 6;
        var script = new CaseScript(a.Services);
        for (var i = 0; i < cases; i++) await script.RegisterPortalOutageAsync(DateTimeOffset.UtcNow, title: $"接管测试 {i}");

        // Node a plans the moment (its commit's signal), then stops before it comes: its plan and its server go with it.
        var due = DateTimeOffset.UtcNow.AddSeconds(4);
        await MoveTimersAsync(a, due);
        a.Services.GetRequiredService<DueTimerSignal>().Raise(due);
        var stateOfA = a.Services.GetRequiredService<SchedulerState>();
        Assert.True(stateOfA.IsRunning);
        await a.StopAsync();
        a.Dispose();
        Assert.False(stateOfA.IsRunning);
        Assert.True(b.Services.GetRequiredService<SchedulerState>().IsRunning);

        await Until.TrueAsync(async () => await ReadAsync(b, db => db.Bookmarks.CountAsync(x => x.Name == DeadlineBookmarks.Name)) == 0,
            TimeSpan.FromSeconds(60), "node b fires every timer");

        var tasks = await ReadAsync(b, db => db.HumanTasks.AsNoTracking().Where(t => t.RemindedAt != null).ToListAsync());
        Assert.Equal(cases, tasks.Count);
        foreach (var mark in tasks.SelectMany(t => new[] { t.RemindedAt, t.OverdueAt, t.SecondEscalatedAt }))
            Assert.InRange(mark!.Value - due, TimeSpan.Zero, TimeSpan.FromSeconds(15));
        var notifications = await ReadAsync(b, db => db.Notifications.AsNoTracking().ToListAsync());
        Assert.Equal(cases * 4, notifications.Count);
        Assert.All(notifications.GroupBy(n => (n.TaskId, n.Kind, n.Recipient)), g => Assert.Single(g));
        Assert.Equal(cases * 3, await ReadAsync(b, db => db.AuditEntries.CountAsync(e => e.Action == FireDueTimer.TimerFired)));

        // Timers that no node planned at all (moved behind the scheduler's back, as by a node that died between its
        // commit and its plan): only the safety poll can find them.
        var later = new CaseScript(b.Services);
        for (var i = 0; i < cases; i++) await later.RegisterPortalOutageAsync(DateTimeOffset.UtcNow, title: $"无人计划 {i}");
        var takeovers = b.Services.GetRequiredService<DueTimerPlanner>().Takeovers;
        var unplanned = DateTimeOffset.UtcNow.AddSeconds(1);
        await MoveTimersAsync(b, unplanned);
        await Until.TrueAsync(async () => await ReadAsync(b, db => db.Bookmarks.CountAsync(x => x.Name == DeadlineBookmarks.Name)) == 0,
            TimeSpan.FromSeconds(60), "node b's safety poll fires the unplanned timers");
        Assert.True(b.Services.GetRequiredService<DueTimerPlanner>().Takeovers > takeovers);
        var marks = await ReadAsync(b, db => db.HumanTasks.AsNoTracking().Where(t => t.RemindedAt >= unplanned).Select(t => t.RemindedAt!.Value).ToListAsync());
        Assert.Equal(cases, marks.Count);
        Assert.All(marks, m => Assert.InRange(m - unplanned, TimeSpan.Zero, TimeSpan.FromSeconds(15)));
        await b.StopAsync();
    }

    private static async Task<bool> AuditChainIntactAsync(InvestigationDbContext db) => (await Audit.AuditChain.VerifyAsync(db)).Intact;
}
