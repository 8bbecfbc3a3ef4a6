using Hangfire;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Features.Outages;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Tests.Support;
using MediatR;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// The real thing on the SQLite file: a Hangfire server on in-memory storage, started by a host, on the
/// system clock. Hangfire's polling is set to a second here (lead 3 s) so that the delayed-job path is
/// taken within a test; what a timer does is tested with FakeTimeProvider elsewhere. Every wait is on a
/// condition, with a bound; what is asserted is read from the rows (the recorded moments), never from
/// how long the test took.
/// </summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private AppHost database = null!;

    public async Task InitializeAsync() => database = await AppHost.StartAsync();
    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task<IHost> StartHostAsync(Action<IServiceCollection>? services = null, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Investigation"] = $"Data Source={database.DatabasePath}",
            ["Deadlines:Scheduler:SchedulePollingInterval"] = "00:00:01",
            ["Deadlines:Scheduler:QueuePollInterval"] = "00:00:01",
            ["Deadlines:Scheduler:Lead"] = "00:00:03",
            ["Deadlines:Scheduler:Horizon"] = "00:00:04",
            ["Deadlines:Scheduler:SafetyPoll"] = "00:10:00",
            ["Deadlines:Scheduler:SweepCron"] = Cron.Never(),
            ["Deadlines:CalendarPath"] = DeadlineApp.CalendarFolder,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddInvestigationWorkflows(builder.Configuration);
        builder.Services.AddInvestigationIdentity();
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await DatabaseInitialiser.MigrateAsync(host.Services); // before the scheduler starts, as the web application does
        await host.StartAsync();
        return host;
    }

    private static Task<RegisterOutage.Result> RegisterOutageAsync(IHost host, Guid unit, DateTimeOffset downAt) =>
        new CaseScript(host.Services).SendAs("caseofficer", new RegisterOutage.Command(unit, "www.example.gov.cn", downAt, true));

    private static async Task<Outage> WaitForFlagAsync(IHost host, Guid outageId, TimeSpan? bound = null)
    {
        Outage? outage = null;
        await Until.TrueAsync(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            outage = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Outages.AsNoTracking().SingleAsync(o => o.Id == outageId);
            return outage.ThresholdReachedAt is not null;
        }, bound ?? Bound, "the outage is flagged");
        return outage!;
    }

    [Fact]
    public async Task Hangfire_FiresTimersMadeByCommits_AfterTheirMoments_NeverBefore_ThroughDelayedJobs()
    {
        using var host = await StartHostAsync();
        var jobs = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        // One moment past the lead (the job is enqueued at once and waits), two further away (delayed jobs, moved by Hangfire's poll).
        // The first within the lead (its job is enqueued at once and waits in memory); each next one more than the
        // horizon after the one before, so that it is reached through a delayed job planned by the run before.
        var now = DateTimeOffset.UtcNow;
        var first = await RegisterOutageAsync(host, DemoOrganisation.ProvincialGovernmentOffice.Value, now.AddHours(-6).AddSeconds(2));
        var second = await RegisterOutageAsync(host, DemoOrganisation.ProvincialDaily.Value, now.AddHours(-6).AddSeconds(10));
        var third = await RegisterOutageAsync(host, DemoOrganisation.AnpingNews.Value, now.AddHours(-6).AddSeconds(16));

        foreach (var registered in new[] { first, second, third })
        {
            var flagged = (await WaitForFlagAsync(host, registered.OutageId)).ThresholdReachedAt!.Value;
            // Never early; late by no more than the bound the README gives (the first firing of a process also compiles its queries).
            Assert.InRange(flagged - registered.ThresholdAt, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        }
        // At least one later moment was reached by a run of its own (a delayed job). Not necessarily two: on a
        // loaded machine the registrations above can take long enough that two moments fall in one run's horizon.
        Assert.True(jobs.SucceededListCount() >= 2, $"{jobs.SucceededListCount()} runs");
        await host.StopAsync();
    }

    [Fact]
    public async Task Hangfire_AfterARestartPastTheMoment_FiresWhatWasMissed()
    {
        RegisterOutage.Result registered;
        using (var first = await StartHostAsync())
        {
            registered = await RegisterOutageAsync(first, DemoOrganisation.ProvincialGovernmentOffice.Value, DateTimeOffset.UtcNow.AddHours(-6).AddSeconds(5));
            await first.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        // Down while the moment passes; the in-memory storage and its planned job are gone with the process.
        await Until.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow > registered.ThresholdAt), Bound, "the moment passes");

        using var second = await StartHostAsync();

        var flagged = (await WaitForFlagAsync(second, registered.OutageId)).ThresholdReachedAt!.Value;
        Assert.True(flagged >= registered.ThresholdAt);
        await second.StopAsync();
    }

    [Fact]
    public async Task Hangfire_WhileNothingIsDue_WritesNothingToTheApplicationsDatabase_ThroughPollsAndSweeps()
    {
        using var host = await StartHostAsync(settings: new() { ["Deadlines:Scheduler:SafetyPoll"] = "00:00:00.200" });
        var storage = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await new CaseScript(host.Services).RegisterPortalOutageAsync(DateTimeOffset.UtcNow); // three deadline timers, days away
        await Until.TrueAsync(() => Task.FromResult(storage.ScheduledCount() == 1), Bound, "the next timer's job is planned");
        var planner = host.Services.GetRequiredService<DueTimerPlanner>();

        // Watch the file while the safety poll runs a few times and the recurring sweep runs twice.
        var polls = planner.Polls;
        var swept = storage.SucceededListCount();
        var commits = await CountCommitsAsync(database.DatabasePath, async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                host.Services.GetRequiredService<IRecurringJobManager>().Trigger(DueTimersJob.SweepId);
                var before = swept;
                await Until.TrueAsync(() => Task.FromResult((swept = storage.SucceededListCount()) > before), Bound, "the sweep has run");
            }
            await Until.TrueAsync(() => Task.FromResult(planner.Polls >= polls + 5), Bound, "the safety poll has run five times");
        });

        Assert.Equal(0, commits);
        Assert.Equal(1, storage.ScheduledCount()); // the sweeps found the plan's moment planned already
        await host.StopAsync();
    }

    [Fact]
    public async Task Hangfire_AFiringThatFails_ShowsAsAFailedJobAndOnTheIncidentsPage_ThenFiresOnItsRetry()
    {
        var failing = new FailingFirings();
        using var host = await StartHostAsync(
            s => s.AddSingleton<IPipelineBehavior<FireDueTimer.Command, FireDueTimer.Result>>(failing),
            new() { ["Deadlines:Scheduler:RetryAfter"] = "00:00:02" });
        var registered = await RegisterOutageAsync(host, DemoOrganisation.ProvincialGovernmentOffice.Value, DateTimeOffset.UtcNow.AddHours(-6).AddSeconds(1));
        var storage = host.Services.GetRequiredService<JobStorage>().GetMonitoringApi();

        await Until.TrueAsync(() => Task.FromResult(storage.FailedCount() > 0), Bound, "the failed run shows in Hangfire");
        var incidents = await new CaseScript(host.Services).SendAs("admin", new ListFailedFirings.Query());
        Assert.NotEmpty(incidents);
        Assert.All(incidents, failed =>
        {
            Assert.Contains("disk I/O error (test)", failed.Message);
            Assert.Contains(":watch", failed.Message); // the outage watch's timer
            Assert.Equal(nameof(DueTimersJob.FireDueAsync), failed.Job);
        });
        // Someone who is not an administrator sees none of it.
        await Assert.ThrowsAsync<Messages.ForbiddenException>(() => new CaseScript(host.Services).SendAs("caseofficer", new ListFailedFirings.Query()));

        failing.Failing = false;
        // The retry is due RetryAfter after the failure and is enqueued at once (it is within the lead): what is
        // asserted is that it comes, so the wait is generous for a machine shared with the rest of the suite.
        Assert.NotNull((await WaitForFlagAsync(host, registered.OutageId, TimeSpan.FromSeconds(60))).ThresholdReachedAt);
        await host.StopAsync();
    }

    /// <summary>Commits by any other connection, seen through SQLite's data_version, while <paramref name="during"/> runs.</summary>
    internal static async Task<int> CountCommitsAsync(string file, Func<Task> during)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        long Version()
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";
            return (long)command.ExecuteScalar()!;
        }
        var last = Version();
        var commits = 0;
        var work = during();
        while (!work.IsCompleted)
        {
            await Task.WhenAny(work, Task.Delay(20));
            var now = Version();
            if (now != last) (commits, last) = (commits + 1, now);
        }
        await work;
        return commits;
    }
}
