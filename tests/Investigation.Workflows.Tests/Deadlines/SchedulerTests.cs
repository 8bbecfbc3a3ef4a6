using System.Diagnostics;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Outages;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Persistence;
using Investigation.Workflows.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// The real thing on the SQLite file: Quartz with its persistent store, started by a host, firing on
/// the system clock. These tests wait in real time, a few seconds each, because what they check is
/// the scheduler's punctuality; everything about what a timer does is tested with the manual clock.
/// </summary>
public sealed class SchedulerTests : IAsyncLifetime
{
    private AppHost database = null!;

    public async Task InitializeAsync() => database = await AppHost.StartAsync();
    public async Task DisposeAsync() => await database.DisposeAsync();

    private async Task<IHost> StartHostAsync(TimeSpan safetyPoll)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Investigation"] = $"Data Source={database.DatabasePath}",
            ["Deadlines:Scheduler:SafetyPoll"] = safetyPoll.ToString(),
            ["Deadlines:CalendarPath"] = DeadlineApp.CalendarFolder,
        });
        builder.Services.AddInvestigationWorkflows(builder.Configuration);
        builder.Services.AddInvestigationIdentity();
        var host = builder.Build();
        await DatabaseInitialiser.MigrateAsync(host.Services); // before the scheduler starts, as the web application does
        await host.StartAsync();
        return host;
    }

    private static Task<RegisterOutage.Result> RegisterOutageAsync(IHost host, Guid unit, DateTimeOffset downAt) =>
        new CaseScript(host.Services).SendAs("caseofficer", new RegisterOutage.Command(unit, "www.example.gov.cn", downAt, true));

    private async Task<Outage> WaitForFlagAsync(IHost host, Guid outageId, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var outage = await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Outages.AsNoTracking().SingleAsync(o => o.Id == outageId);
            if (outage.ThresholdReachedAt is not null || watch.Elapsed > timeout) return outage;
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Quartz_FiresTimersMadeByCommits_WithinASecondOfTheirMoments_WithoutWaitingForThePoll()
    {
        using var host = await StartHostAsync(safetyPoll: TimeSpan.FromMinutes(10));
        // The first firing of a fresh process also compiles its queries; the second shows the steady state.
        var first = await RegisterOutageAsync(host, DemoOrganisation.ProvincialGovernmentOffice.Value, DateTimeOffset.UtcNow.AddHours(-6).AddSeconds(2));
        var second = await RegisterOutageAsync(host, DemoOrganisation.ProvincialDaily.Value, DateTimeOffset.UtcNow.AddHours(-6).AddSeconds(4));

        var firstFlag = (await WaitForFlagAsync(host, first.OutageId, TimeSpan.FromSeconds(20))).ThresholdReachedAt;
        var secondFlag = (await WaitForFlagAsync(host, second.OutageId, TimeSpan.FromSeconds(20))).ThresholdReachedAt;

        Assert.InRange(firstFlag!.Value - first.ThresholdAt, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.InRange(secondFlag!.Value - second.ThresholdAt, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        await host.StopAsync();
    }

    [Fact]
    public async Task Quartz_AfterARestartPastTheMoment_FiresWhatWasMissed()
    {
        Guid outageId;
        using (var first = await StartHostAsync(safetyPoll: TimeSpan.FromMinutes(10)))
        {
            outageId = (await RegisterOutageAsync(first, DemoOrganisation.ProvincialGovernmentOffice.Value, DateTimeOffset.UtcNow.AddHours(-6).AddSeconds(1))).OutageId;
            await first.StopAsync();
        }
        SqliteConnection.ClearAllPools();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // down while the moment passes

        using var second = await StartHostAsync(safetyPoll: TimeSpan.FromMinutes(10));

        Assert.NotNull((await WaitForFlagAsync(second, outageId, TimeSpan.FromSeconds(20))).ThresholdReachedAt);
        await second.StopAsync();
    }

    [Fact]
    public async Task Scheduler_WhileNothingIsDue_WritesNothing_EvenWithTimersPendingAndThePollRunning()
    {
        using var host = await StartHostAsync(safetyPoll: TimeSpan.FromSeconds(1));
        await new CaseScript(host.Services).RegisterPortalOutageAsync(DateTimeOffset.UtcNow); // three deadline timers, days away
        await Task.Delay(TimeSpan.FromSeconds(1)); // the trigger is stored

        var commits = await CountCommitsAsync(database.DatabasePath, TimeSpan.FromSeconds(4));

        Assert.Equal(0, commits);
        Assert.True(await TableExistsAsync(database.DatabasePath, "QRTZ_TRIGGERS"));
        await host.StopAsync();
    }

    /// <summary>Commits by any other connection, seen through SQLite's data_version, over a period.</summary>
    internal static async Task<int> CountCommitsAsync(string file, TimeSpan period)
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
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < period)
        {
            await Task.Delay(20);
            var now = Version();
            if (now != last) (commits, last) = (commits + 1, now);
        }
        return commits;
    }

    private static async Task<bool> TableExistsAsync(string file, string table)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $name";
        command.Parameters.AddWithValue("$name", table);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }
}
