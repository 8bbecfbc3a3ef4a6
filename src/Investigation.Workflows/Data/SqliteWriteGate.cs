using System.Collections.Concurrent;
using System.Data.Common;
using Investigation.Workflows.Messages;
using Microsoft.Data.Sqlite;

namespace Investigation.Workflows.Data;

/// <summary>
/// One writing transaction at a time per SQLite file, queued in this process. SQLite has one writer; a
/// second BEGIN IMMEDIATE finds the file busy, and Microsoft.Data.Sqlite then sleeps 150 ms on the thread
/// before it tries again. Queued here instead, the next writer starts the moment the previous one commits,
/// and waits without holding a thread. Other processes on the same file still meet SQLite's own lock.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, FileGate> ByFile = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, FileGate?> ByConnectionString = new(StringComparer.Ordinal);

    private sealed class FileGate
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public int Waiting;
    }

    /// <summary>
    /// As long as Microsoft.Data.Sqlite waits for a busy file by default. A writer still waiting after that is
    /// told the file is busy rather than left waiting: a transaction that long is stuck, or waits for itself
    /// (a save in a scope of its own inside another transaction).
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the file's turn; dispose the result to pass it on. On another database, or in memory, at once.</summary>
    /// <exception cref="ConflictException">The turn did not come within <see cref="Timeout"/>; nothing was written.</exception>
    public static ValueTask<Turn> EnterAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        EnterAsync(connection, Timeout, cancellationToken);

    internal static async ValueTask<Turn> EnterAsync(DbConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Gate(connection) is not { } gate) return default;
        Interlocked.Increment(ref gate.Waiting);
        try
        {
            return await gate.Turn.WaitAsync(timeout, cancellationToken) ? new Turn(gate.Turn) : throw Busy();
        }
        finally { Interlocked.Decrement(ref gate.Waiting); }
    }

    public static Turn Enter(DbConnection connection)
    {
        if (Gate(connection) is not { } gate) return default;
        Interlocked.Increment(ref gate.Waiting);
        try
        {
            return gate.Turn.Wait(Timeout) ? new Turn(gate.Turn) : throw Busy();
        }
        finally { Interlocked.Decrement(ref gate.Waiting); }
    }

    /// <summary>How many writers wait for the file's turn now (0 on another database): what a test observes instead of sleeping.</summary>
    public static int Waiting(DbConnection connection) => Gate(connection) is { } gate ? Volatile.Read(ref gate.Waiting) : 0;

    private static ConflictException Busy() => new(
        "数据库正忙于处理其他修改，您的修改均未保存：请稍后重试。",
        "The database was busy with other changes for too long. Nothing of yours was saved: try again in a moment.");

    private static FileGate? Gate(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return null;
        return ByConnectionString.GetOrAdd(sqlite.ConnectionString, static connectionString =>
        {
            var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return null;
            return ByFile.GetOrAdd(Path.GetFullPath(file), static _ => new FileGate());
        });
    }

    public readonly struct Turn(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
