using Investigation.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Investigation.Web.Tests.Admin;

/// <summary>
/// The README's backup: `backup --to FILE` while the application writes, the copy restored into a new
/// file, the application started on it with `verify-audit`.
/// </summary>
public sealed class DatabaseBackupTests : IDisposable
{
    private readonly WebApp app = new();
    private readonly string folder = Directory.CreateTempSubdirectory("investigation-backup-").FullName;

    public void Dispose()
    {
        app.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    private static long Count(string database, string table)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    [Fact]
    public async Task Backup_WhileTheApplicationWrites_RestoresToAFileTheApplicationStartsOn_AndTheAuditVerifies()
    {
        var registered = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: $"备份期间登记的案件 {registered}");
                Interlocked.Increment(ref registered);
            }
        });
        using (var started = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
            while (Volatile.Read(ref registered) < 3) await Task.Delay(20, started.Token);

        var backupPath = Path.Combine(folder, "backup.db");
        var backup = await FirstDayApp.RunCommandAsync(app.DatabasePath, null, null, "backup", "--to", backupPath);
        await stop.CancelAsync();
        await writer;

        Assert.True(backup.ExitCode == 0, backup.Output);
        var restored = Path.Combine(folder, "restored", "investigation.db");
        Directory.CreateDirectory(Path.GetDirectoryName(restored)!);
        File.Copy(backupPath, restored);
        // A restore brings back the database; the audit key is not in it (that is the point of the key) and is
        // restored from its own place: here the running application's key file (README, Deploy: back up and restore).
        var key = new Dictionary<string, string> { ["Audit__KeyFile"] = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "audit.key") };
        var verify = await FirstDayApp.RunCommandAsync(restored, null, key, "verify-audit");
        Assert.True(verify.ExitCode == 0, verify.Output);
        Assert.StartsWith("OK", verify.Output.Trim());
        var copied = Count(restored, "cases");
        Assert.InRange(copied, 3, registered);
        // The copy is one consistent moment: every case in it has its audit entry, and nothing half-written.
        Assert.True(Count(restored, "audit_entries") >= copied);
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_IsRefused_AndLeavesItAlone()
    {
        var target = Path.Combine(folder, "taken.db");
        await File.WriteAllTextAsync(target, "not a backup");

        var backup = await FirstDayApp.RunCommandAsync(app.DatabasePath, null, null, "backup", "--to", target);

        Assert.Equal(1, backup.ExitCode);
        Assert.Contains("exists already", backup.Output);
        Assert.Equal("not a backup", await File.ReadAllTextAsync(target));
    }
}
