using Investigation.Workflows.Data;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Workflows.Tests.Support;

/// <summary>
/// The application without its web doors: the real services on a real SQLite file, migrated and
/// seeded with the demo organisation and users, driven through the mediator as a named user. It
/// can be restarted on the same file, as a process restart would.
/// </summary>
public sealed class AppHost : IAsyncDisposable
{
    public const string Password = "Test-Password-2026!";

    private readonly string directory = Directory.CreateTempSubdirectory("investigation-app-").FullName;
    private ServiceProvider provider;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public TaskDeadlines Deadlines { get; } = TaskTimeLimits.Defaults();
    public string DatabasePath => Path.Combine(directory, "investigation.db");

    private AppHost(string? copyFrom)
    {
        if (copyFrom is not null) File.Copy(copyFrom, DatabasePath);
        provider = Build();
    }

    /// <summary>A host on a copy of the migrated, seeded template database.</summary>
    public static async Task<AppHost> StartAsync()
    {
        var template = await Template.Value;
        var host = new AppHost(copyFrom: template);
        await DatabaseInitialiser.MigrateAsync(host.provider);
        return host;
    }

    // Seeding hashes sixteen passwords; doing it once per test run and copying the file keeps tests fast.
    private static readonly Lazy<Task<string>> Template = new(async () =>
    {
        var host = new AppHost(copyFrom: null);
        await DatabaseInitialiser.MigrateAsync(host.provider);
        await DemoSeeder.SeedOrganisationAsync(host.provider);
        await DemoSeeder.SeedUsersAsync(host.provider, Password);
        await host.provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return host.DatabasePath; // the template's directory is left for the OS to clean with the temp folder
    });

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Investigation"] = $"Data Source={DatabasePath}",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddInvestigationWorkflows(configuration);
        services.AddInvestigationIdentity();
        services.AddSingleton<IOptions<TaskDeadlines>>(Options.Create(Deadlines));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>Drops every service and in-memory state and starts again on the same database file.</summary>
    public async Task RestartAsync()
    {
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        provider = Build();
        await DatabaseInitialiser.MigrateAsync(provider);
    }

    public IServiceProvider Services => provider;

    /// <summary>Drives cases as the demo users (each request in a scope of its own).</summary>
    public CaseScript Script => new(provider);

    public Task<T> SendAs<T>(string userName, IRequest<T> request) => Script.SendAs(userName, request);

    /// <summary>Reads the database directly, for assertions.</summary>
    public async Task<T> Read<T>(Func<InvestigationDbContext, Task<T>> query)
    {
        await using var scope = provider.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await provider.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
