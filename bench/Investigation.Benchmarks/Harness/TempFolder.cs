using Microsoft.Data.Sqlite;

namespace Investigation.Benchmarks.Harness;

/// <summary>A folder of its own under the temp path for one SQLite file (and its -wal, -shm); deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"investigation-bench-{Guid.NewGuid():N}");
    public string DatabasePath => Path.Combine(Folder, "bench.db");

    public void Dispose()
    {
        // Pooled connections keep the file open until the pool lets go of them.
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
