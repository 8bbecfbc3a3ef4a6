using Microsoft.Data.Sqlite;

namespace Investigation.Workflows.Data;

/// <summary>
/// A consistent copy of a SQLite database while the application runs: <c>VACUUM INTO</c> reads the file
/// in one read transaction (in WAL mode writers go on meanwhile) and writes a compact, self-contained
/// copy, with no write-ahead log beside it. PostgreSQL is backed up with pg_dump instead.
/// </summary>
public static class DatabaseBackup
{
    public static async Task SqliteAsync(DatabaseOptions database, string target, CancellationToken ct = default)
    {
        if (database.IsPostgres)
            throw new InvalidOperationException("The database is PostgreSQL: back it up with pg_dump (see README, Deploy).");
        var full = Path.GetFullPath(target);
        // VACUUM INTO refuses an existing non-empty file; say so plainly instead of SQLite's message.
        if (File.Exists(full)) throw new InvalidOperationException($"{full} exists already: choose a new file for the backup.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", full);
        await command.ExecuteNonQueryAsync(ct);
    }
}
