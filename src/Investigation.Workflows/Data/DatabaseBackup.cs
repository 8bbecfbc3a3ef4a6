using Microsoft.Data.Sqlite;

namespace Investigation.Workflows.Data;

/// <summary>
/// A consistent copy of a SQLite database while the application runs: <c>VACUUM INTO</c> reads the file
/// in one read transaction (in WAL mode writers go on meanwhile) and writes a compact, self-contained
/// copy, with no write-ahead log beside it. PostgreSQL is backed up with pg_dump instead.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>The folder beside a backup file that holds the evidence files of the folder store.</summary>
    public static string EvidenceFolderOf(string target) => Path.GetFullPath(target) + ".evidence";

    /// <param name="evidenceFolder">The evidence folder store's root; its files are copied to <see cref="EvidenceFolderOf"/>.</param>
    public static async Task<int> SqliteAsync(DatabaseOptions database, string target, string? evidenceFolder = null, CancellationToken ct = default)
    {
        if (database.IsPostgres)
            throw new InvalidOperationException("The database is PostgreSQL: back it up with pg_dump (see README, Deploy).");
        var full = Path.GetFullPath(target);
        // VACUUM INTO refuses an existing non-empty file; say so plainly instead of SQLite's message.
        if (File.Exists(full)) throw new InvalidOperationException($"{full} exists already: choose a new file for the backup.");
        var evidenceCopy = EvidenceFolderOf(full);
        if (Directory.Exists(evidenceCopy)) throw new InvalidOperationException($"{evidenceCopy} exists already: choose a new file for the backup.");
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $target";
            command.Parameters.AddWithValue("$target", full);
            await command.ExecuteNonQueryAsync(ct);
        }
        await MarkWalAsync(full, ct);
        return evidenceFolder is null ? 0 : CopyEvidence(evidenceFolder, evidenceCopy);
    }

    /// <summary>
    /// VACUUM INTO writes the copy in rollback-journal mode. The application's start checks the database with a
    /// read-only connection whose first pragma asks for WAL: on a copy not yet in WAL that is a write, refused
    /// ("attempt to write a readonly database"), so a restored copy would not start. Switched here, once; the
    /// last connection's close checkpoints and removes the write-ahead log, so the copy is still one file.
    /// </summary>
    private static async Task MarkWalAsync(string file, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Copied after the database: a file is written before the row naming it commits and is never changed, so
    /// every file the copied database names is in the folder by now. Files of uploads after the copy come along
    /// unnamed, which is harmless. Each file is written under a temporary name and moved into place, so the copy
    /// never holds half a file.
    /// </summary>
    private static int CopyEvidence(string source, string target)
    {
        Directory.CreateDirectory(target);
        if (!Directory.Exists(source)) return 0;
        var copied = 0;
        foreach (var file in Directory.EnumerateFiles(source, "*.bin", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to + ".part");
            File.Move(to + ".part", to);
            copied++;
        }
        return copied;
    }
}
