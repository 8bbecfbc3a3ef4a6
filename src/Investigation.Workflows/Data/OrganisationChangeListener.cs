using System.Runtime.CompilerServices;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Investigation.Workflows.Data;

/// <summary>
/// Several nodes on one PostgreSQL database each keep the organisation tree in memory. A unit of work
/// that changes a unit or a person sends a notification (pg_notify) in its own transaction, which
/// PostgreSQL delivers at commit and drops on rollback; every node's <see cref="OrganisationChangeListener"/>
/// then drops its tree, typically a few milliseconds later.
/// </summary>
public sealed class OrganisationChangeNotifier : ISaveChangesInterceptor
{
    public const string Channel = "investigation_organisation";

    private readonly ConditionalWeakTable<DbContext, object> changing = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && changing.Remove(db)) db.Database.ExecuteSqlRaw($"SELECT pg_notify('{Channel}', '')");
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && changing.Remove(db)) await db.Database.ExecuteSqlRawAsync($"SELECT pg_notify('{Channel}', '')", cancellationToken);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db) changing.Remove(db);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Note(DbContext? db)
    {
        if (db is null) return;
        if (db.ChangeTracker.Entries().Any(e => e.Entity is UnitRecord or PersonRecord && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
            changing.AddOrUpdate(db, this);
    }
}

/// <summary>
/// Listens for <see cref="OrganisationChangeNotifier.Channel"/> on a connection of its own and drops this
/// node's organisation tree on each notification. Until it listens, and whenever its connection is lost
/// (notifications sent meanwhile are lost with it), the store caches nothing.
/// </summary>
public sealed class OrganisationChangeListener(DatabaseOptions database, OrganisationStore store, ILogger<OrganisationChangeListener> logger)
    : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        store.Listening(false);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 10 };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, _) => store.Invalidate();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {OrganisationChangeNotifier.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                store.Listening(true);
                while (!stoppingToken.IsCancellationRequested) await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                store.Listening(false);
                logger.LogWarning(e, "Lost the organisation change notifications; reading the organisation on every request until they are back.");
                try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
                catch (OperationCanceledException) { }
            }
        }
    }
}
