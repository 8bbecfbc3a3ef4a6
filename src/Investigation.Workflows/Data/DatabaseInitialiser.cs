using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Investigation.Workflows.Data;

public static class DatabaseInitialiser
{
    /// <summary>The session-level advisory lock held while one node migrates and seeds ("INVSTART").</summary>
    public const long StartupLock = 0x494E_5653_5441_5254;

    /// <summary>Applies the migrations the database lacks. Runs at start-up, before anything else reads or schedules.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>
    /// Runs <paramref name="work"/> (migrating, seeding) while no other node does: several nodes started
    /// together on an empty PostgreSQL database otherwise all create the same tables and rows, and all but
    /// one crash. The next node in line then finds the schema applied and the rows there, and adds nothing.
    /// A session-level advisory lock on a connection of its own, so it spans the migrations' own
    /// transactions; PostgreSQL releases it if the node dies. SQLite serves one node and runs the work as it is.
    /// </summary>
    public static async Task UnderStartupLockAsync(IServiceProvider services, Func<CancellationToken, Task> work, CancellationToken ct = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        if (!database.IsPostgres)
        {
            await work(ct);
            return;
        }
        // Not pooled: the lock belongs to this physical connection, closed (and so released) at the end.
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock})", connection))
        {
            // Migrations may take long on a big database: wait as long as they do.
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(ct);
        }
        try { await work(ct); }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLock})", connection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>Migrations this build knows that the database has not applied (none: the schema is current).</summary>
    public static async Task<IReadOnlyList<string>> PendingMigrationsAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        return [.. await db.Database.GetPendingMigrationsAsync(ct)];
    }
}
