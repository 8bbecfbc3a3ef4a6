using Investigation.Workflows;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Benchmarks.Harness;

/// <summary>
/// The application's services (AddInvestigationWorkflows) over a SQLite file in a temp folder, with the
/// demo organisation and users seeded. Each call runs in its own scope, as one web request would.
/// </summary>
internal sealed class BenchApp : IAsyncDisposable
{
    private readonly TempFolder folder;
    private readonly ServiceProvider services;
    private readonly Dictionary<string, Actor> actors;

    private BenchApp(TempFolder folder, ServiceProvider services)
    {
        this.folder = folder;
        this.services = services;
        actors = DemoOrganisation.Users.ToDictionary(u => u.UserName, u => new Actor(u.UserName, u.UserName, u.Unit, u.Roles.ToHashSet()));
    }

    public string DatabasePath => folder.DatabasePath;

    /// <param name="synchronous">SQLite's synchronous pragma, as the application's "Database:SqliteSynchronous" sets it.</param>
    public static async Task<BenchApp> CreateAsync(string synchronous)
    {
        var folder = new TempFolder();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqliteSynchronous"] = synchronous,
            ["ConnectionStrings:Investigation"] = $"Data Source={folder.DatabasePath}",
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddInvestigationWorkflows(configuration);
        collection.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<InvestigationDbContext>();
        var app = new BenchApp(folder, collection.BuildServiceProvider());

        // The schema of the model as coded now (the migrations may lag behind an index change).
        await app.InScopeAsync(db => db.Database.EnsureCreatedAsync());
        await DemoSeeder.SeedOrganisationAsync(app.services);
        await DemoSeeder.SeedUsersAsync(app.services, "Bench-Passw0rd!");
        return app;
    }

    /// <summary>Sends a request through the mediator (validation, transaction, audit) as the named demo user.</summary>
    public async Task<T> SendAsync<T>(string userName, IRequest<T> request)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = actors[userName];
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public async Task<T> InScopeAsync<T>(Func<InvestigationDbContext, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    public Task InScopeAsync(Func<InvestigationDbContext, Task> work) => InScopeAsync(async db =>
    {
        await work(db);
        return 0;
    });

    /// <summary>Open task ids of one kind (or activity), oldest first.</summary>
    public Task<List<Guid>> OpenTasksAsync(string? kind = null, string? activityId = null) => InScopeAsync(db => db.HumanTasks.AsNoTracking()
        .Where(t => t.Status == Workflows.Runtime.Persistence.HumanTaskStatus.Open && (kind == null || t.Kind == kind) && (activityId == null || t.ActivityId == activityId))
        .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Select(t => t.Id).ToListAsync());

    /// <summary>A connection of its own, outside EF Core, for bulk loading.</summary>
    public SqliteConnection OpenConnection()
    {
        var connection = new SqliteConnection($"Data Source={folder.DatabasePath}");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Pages SQLite appends to the write-ahead log per call, on average over <paramref name="calls"/> calls:
    /// what a commit writes and, with synchronous=FULL, waits for. Empties the log first; the calls must
    /// stay under the auto-checkpoint (1,000 pages), which would otherwise empty it again midway.
    /// </summary>
    public async Task<double> WalPagesPerCallAsync(int calls, Func<int, Task> call)
    {
        using (var connection = OpenConnection()) Pragma(connection, "wal_checkpoint(TRUNCATE)");
        for (var i = 0; i < calls; i++) await call(i);
        using (var connection = OpenConnection()) return Pragma(connection, "wal_checkpoint(PASSIVE)") / (double)calls;
    }

    // The log's frame count: the second column of wal_checkpoint's one row (busy, log, checkpointed).
    private static long Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        using var reader = command.ExecuteReader();
        reader.Read();
        return reader.GetInt64(1);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        folder.Dispose();
    }
}
