using Npgsql;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// One run of <see cref="DueTimersJob"/> at a time: on this node always, and across nodes on PostgreSQL.
/// Not for correctness (the rows make each effect happen once whoever fires it) but so that runs do not
/// spend the database racing each other: a run that finds another under way leaves the work to it.
/// </summary>
public interface IDueTimerRunLock
{
    /// <summary>The lock, or null at once if another run holds it.</summary>
    Task<IAsyncDisposable?> TryEnterAsync(CancellationToken ct);

    /// <summary>Whether a run holds the lock in this process.</summary>
    bool HeldHere { get; }
}

/// <summary>One node (SQLite: one scheduler per file): a run at a time in this process.</summary>
public sealed class ProcessRunLock : IDueTimerRunLock
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public bool HeldHere => gate.CurrentCount == 0;

    public async Task<IAsyncDisposable?> TryEnterAsync(CancellationToken ct) =>
        await gate.WaitAsync(TimeSpan.Zero, ct) ? new Release(gate) : null;

    private sealed class Release(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Several nodes on PostgreSQL: a session-level advisory lock, held on a connection of its own for the run.
/// A node that dies drops its connection and with it the lock, so another node's run can take over at
/// once, unlike a lock row that stays until a timeout (Hangfire's distributed locks).
/// </summary>
public sealed class PostgresRunLock(string connectionString) : IDueTimerRunLock
{
    // An arbitrary constant of this application: "deadline" in ASCII.
    private const long Key = 0x646561646c696e65;
    private readonly ProcessRunLock local = new();

    public bool HeldHere => local.HeldHere;

    public async Task<IAsyncDisposable?> TryEnterAsync(CancellationToken ct)
    {
        var here = await local.TryEnterAsync(ct);
        if (here is null) return null;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", Key);
            if ((bool)(await command.ExecuteScalarAsync(ct))!) return new Held(connection, here);
        }
        catch
        {
            await connection.DisposeAsync();
            await here.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        await here.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, IAsyncDisposable here) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", Key);
                await command.ExecuteScalarAsync();
            }
            finally
            {
                // Back to the pool unlocked; a connection that failed is discarded, and the server drops its lock.
                await connection.DisposeAsync();
                await here.DisposeAsync();
            }
        }
    }
}
