using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Investigation.Workflows.Persistence;

/// <summary>
/// One writing transaction at a time per SQLite file, queued in this process. SQLite has one writer; a
/// second BEGIN IMMEDIATE finds the file busy, and Microsoft.Data.Sqlite then sleeps 150 ms on the thread
/// before it tries again. Queued here instead, the next writer starts the moment the previous one commits,
/// and waits without holding a thread. Other processes on the same file still meet SQLite's own lock.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> ByFile = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim?> ByConnectionString = new(StringComparer.Ordinal);

    /// <summary>Waits for the file's turn; dispose the result to pass it on. On another database, or in memory, at once.</summary>
    public static async ValueTask<Turn> EnterAsync(DbConnection connection, CancellationToken cancellationToken = default)
    {
        if (Gate(connection) is not { } gate) return default;
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    public static Turn Enter(DbConnection connection)
    {
        if (Gate(connection) is not { } gate) return default;
        gate.Wait();
        return new Turn(gate);
    }

    private static SemaphoreSlim? Gate(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return null;
        return ByConnectionString.GetOrAdd(sqlite.ConnectionString, static connectionString =>
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
            return ByFile.GetOrAdd(Path.GetFullPath(file), static _ => new SemaphoreSlim(1, 1));
        });
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
