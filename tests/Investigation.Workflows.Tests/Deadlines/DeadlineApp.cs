using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Runtime.Persistence;
using Investigation.Workflows.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// The application on an <see cref="AppHost"/>'s database, clock and deadline settings, with its
/// services at hand, so that a test can run the due-timer processing itself (no scheduler, no
/// sleeping: the test moves the clock). Restarting rebuilds everything on the same file.
/// </summary>
public sealed class DeadlineApp : IAsyncDisposable
{
    private readonly AppHost host;
    private ServiceProvider provider;

    private DeadlineApp(AppHost host)
    {
        this.host = host;
        // The shipped calendar files, as the web application reads them from its output folder.
        host.Deadlines.CalendarPath = CalendarFolder;
        provider = Build();
    }

    public static async Task<DeadlineApp> StartAsync(DateTimeOffset? now = null)
    {
        var host = await AppHost.StartAsync();
        if (now is { } at) host.Clock.SetUtcNow(at);
        return new DeadlineApp(host);
    }

    public static string CalendarFolder { get; } = FindCalendar();

    public FakeTimeProvider Clock => host.Clock;
    public TaskDeadlines Deadlines => host.Deadlines;
    public IServiceProvider Services => provider;
    public CaseScript Script => new(provider);

    public Task<T> SendAs<T>(string userName, IRequest<T> request) => Script.SendAs(userName, request);

    public async Task<T> Read<T>(Func<InvestigationDbContext, Task<T>> query)
    {
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    /// <summary>What the scheduler's job does when it fires: every timer due by the clock.</summary>
    public Task<DueTimersRun> ProcessDueAsync() => provider.GetRequiredService<DueTimers>().ProcessDueAsync();

    public Task<List<Notification>> NotificationsAsync(string? recipient = null, NotificationKind? kind = null) => Read(db => db.Notifications.AsNoTracking()
        .Where(n => (recipient == null || n.Recipient == recipient) && (kind == null || n.Kind == kind))
        .OrderBy(n => n.CreatedAt).ThenBy(n => n.Recipient).ToListAsync());

    public Task<HumanTask> TaskAsync(Guid taskId) => Read(db => db.HumanTasks.AsNoTracking().SingleAsync(t => t.Id == taskId));

    public Task<List<Bookmark>> DeadlineTimersAsync(Guid taskId) => Read(db => db.Bookmarks.AsNoTracking()
        .Where(b => b.Name == DeadlineBookmarks.Name && b.Key.StartsWith(taskId.ToString())).OrderBy(b => b.ResumeAt).ToListAsync());

    /// <summary>Drops every service and starts again on the same database file, as a process restart would.</summary>
    public async Task RestartAsync()
    {
        await provider.DisposeAsync();
        await host.RestartAsync();
        provider = Build();
    }

    /// <summary>
    /// Another process on the same database file and clock (the caller disposes it): for races between nodes,
    /// or to run a part of the scheduler with some of its services replaced (<paramref name="replace"/>).
    /// </summary>
    public ServiceProvider NewNode(Action<IServiceCollection>? replace = null) => Build(replace);

    private ServiceProvider Build(Action<IServiceCollection>? replace = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Investigation"] = $"Data Source={host.DatabasePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(host.Clock);
        services.AddInvestigationWorkflows(configuration);
        services.AddInvestigationIdentity();
        services.AddSingleton<IOptions<TaskDeadlines>>(Options.Create(host.Deadlines));
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static string FindCalendar()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Investigation.sln")))
                return Path.Combine(dir.FullName, "src", "Investigation.Web", "calendar");
        throw new DirectoryNotFoundException("The repository root (Investigation.sln) was not found above the test's folder.");
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        await host.DisposeAsync();
    }
}
