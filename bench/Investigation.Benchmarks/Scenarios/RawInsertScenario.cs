using Investigation.Benchmarks.Harness;
using Microsoft.Data.Sqlite;

namespace Investigation.Benchmarks.Scenarios;

/// <summary>
/// The storage limit: one small row per committed transaction, straight through Microsoft.Data.Sqlite,
/// with the pragmas the application sets (WAL, the given synchronous level). No step can commit faster.
/// </summary>
internal static class RawInsertScenario
{
    public static async Task<Throughput> RunAsync(Sizes sizes, string synchronous)
    {
        using var folder = new TempFolder();
        await using var connection = new SqliteConnection($"Data Source={folder.DatabasePath}");
        await connection.OpenAsync();
        await ExecuteAsync(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous};" +
            "CREATE TABLE rows (id INTEGER PRIMARY KEY, created_at INTEGER NOT NULL, payload TEXT NOT NULL);");

        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO rows (created_at, payload) VALUES ($at, $payload)";
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        insert.Parameters.AddWithValue("$payload", new string('x', 200));

        return await Measure.RateAsync(sizes.Warmup, sizes.RawInserts, async _ =>
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            insert.Transaction = transaction;
            at.Value = DateTime.UtcNow.Ticks;
            await insert.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        });
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
