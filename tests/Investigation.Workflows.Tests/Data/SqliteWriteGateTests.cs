using Investigation.Workflows.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Investigation.Workflows.Tests.Data;

public sealed class SqliteWriteGateTests
{
    private static readonly string File = Path.Combine(Path.GetTempPath(), $"gate-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_second_writer_on_the_same_file_waits_until_the_first_passes_its_turn_on()
    {
        using var first = new SqliteConnection($"Data Source={File}");
        // The same file, named another way (another connection string, as a second DbContext might have).
        using var second = new SqliteConnection($"Data Source={File};Pooling=False");

        var turn = await SqliteWriteGate.EnterAsync(first);
        var waiting = SqliteWriteGate.EnterAsync(second).AsTask();
        await Task.Yield();
        Assert.False(waiting.IsCompleted);

        turn.Dispose();
        (await waiting.WaitAsync(TimeSpan.FromSeconds(10))).Dispose();
    }

    [Fact]
    public async Task Writers_on_different_files_in_memory_or_on_PostgreSQL_do_not_wait_for_each_other()
    {
        using var one = new SqliteConnection($"Data Source={File}.other");
        using var memory = new SqliteConnection("Data Source=:memory:");
        using var postgres = new NpgsqlConnection("Host=localhost");
        using var held = await SqliteWriteGate.EnterAsync(new SqliteConnection($"Data Source={File}.held"));

        Assert.True(SqliteWriteGate.EnterAsync(one).IsCompleted);
        Assert.True(SqliteWriteGate.EnterAsync(memory).IsCompleted);
        Assert.True(SqliteWriteGate.EnterAsync(memory).IsCompleted); // no turn to hold
        Assert.True(SqliteWriteGate.EnterAsync(postgres).IsCompleted);
    }

    [Fact]
    public async Task A_cancelled_wait_takes_no_turn()
    {
        using var connection = new SqliteConnection($"Data Source={File}.cancel");
        var turn = await SqliteWriteGate.EnterAsync(connection);
        using var cancel = new CancellationTokenSource();
        var waiting = SqliteWriteGate.EnterAsync(connection, cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        turn.Dispose();
        using var next = await SqliteWriteGate.EnterAsync(connection).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_writer_whose_turn_does_not_come_is_told_the_file_is_busy_and_the_queue_goes_on()
    {
        using var connection = new SqliteConnection($"Data Source={File}.stuck");
        var held = await SqliteWriteGate.EnterAsync(connection);

        var busy = await Assert.ThrowsAsync<global::Investigation.Workflows.Messages.ConflictException>(
            () => SqliteWriteGate.EnterAsync(connection, TimeSpan.FromMilliseconds(20), default).AsTask());

        Assert.Contains("busy", busy.Message, StringComparison.OrdinalIgnoreCase);
        held.Dispose();
        using var next = await SqliteWriteGate.EnterAsync(connection).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
