using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;

using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;

namespace Investigation.Workflows.Audit;

/// <summary>
/// Where the audit key and the checkpoint file are: "Audit:Keys" (base64 keys of 32 bytes or more, the
/// first signs, the others still verify), or else "Audit:KeyFile" (one base64 key a line, the first
/// signs; created with a fresh key when missing); "Audit:CheckpointPath" (the append-only file of chain heads).
/// </summary>
public sealed class AuditOptions
{
    public List<string> Keys { get; set; } = [];
    public string? KeyFile { get; set; }
    public string? CheckpointPath { get; set; }
}

/// <summary>
/// What makes the audit chain hold against someone who can edit the database but not the application's
/// files: each entry's hash is an HMAC-SHA256 under a key kept outside the database (so a rewritten chain
/// cannot be re-hashed), and after each commit the chain head (sequence number and hash) is appended to a
/// checkpoint file beside the key (so deleting the newest entries shows: the file names entries the
/// database no longer has). It rides on the DbContext as an interceptor, so every unit of work that
/// appends is sealed and checkpointed, whichever node or use case wrote it.
/// </summary>
public sealed class AuditSeal : AfterCommitInterceptor<AuditEntry>
{
    private readonly byte[][] keys;
    private readonly object fileLock = new();

    public AuditSeal(IReadOnlyList<byte[]> keys, string checkpointPath)
    {
        if (keys.Count == 0) throw new InvalidOperationException("No audit key: set Audit:Keys or Audit:KeyFile.");
        if (keys.Any(k => k.Length < 32)) throw new InvalidOperationException("An audit key is shorter than 32 bytes: make one with `openssl rand -base64 32`.");
        this.keys = [.. keys];
        CheckpointPath = Path.GetFullPath(checkpointPath);
    }

    public string CheckpointPath { get; }

    /// <summary>The seal from configuration. Without keys configured, the key file (by default beside the SQLite file, or in App_Data) is read, or made.</summary>
    public static AuditSeal From(IConfiguration configuration, DatabaseOptions database)
    {
        var options = new AuditOptions();
        configuration.GetSection("Audit").Bind(options);
        var (folder, name) = DefaultPlace(database);
        var keys = options.Keys.Count > 0 ? options.Keys.Select(Decode).ToList() : ReadOrMakeKeyFile(options.KeyFile ?? Path.Combine(folder, "audit.key"));
        return new(keys, options.CheckpointPath ?? Path.Combine(folder, $"audit-checkpoints.{name}.log"));
    }

    private static byte[] Decode(string key)
    {
        try { return Convert.FromBase64String(key.Trim()); }
        catch (FormatException) { throw new InvalidOperationException("An audit key is not base64: make one with `openssl rand -base64 32`."); }
    }

    /// <summary>SQLite: the database file's folder, named after the file. PostgreSQL: App_Data, named after server and database.</summary>
    private static (string Folder, string Name) DefaultPlace(DatabaseOptions database)
    {
        if (database.IsPostgres)
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
            return (Path.GetFullPath("App_Data"), $"{b.Host}-{b.Port}-{b.Database}");
        }
        var file = Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource);
        return (Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file));
    }

    private static List<byte[]> ReadOrMakeKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // Written whole under a name of its own, then moved into place without overwriting: of several
            // nodes starting together, one key wins and every node reads a complete file, never a half-written one.
            var draft = $"{path}.{Guid.NewGuid():N}.tmp";
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            // Readable by the service's user only.
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(new FileStream(draft, create)))
                writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            try
            {
                File.Move(draft, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(draft);
            }
        }
        return File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#')).Select(Decode).ToList();
    }

    /// <summary>The seal the context was built with (the interceptor registered in DependencyInjection).</summary>
    public static AuditSeal Of(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<AuditSeal>().FirstOrDefault()
        ?? throw new InvalidOperationException("This DbContext has no AuditSeal: the audit chain cannot be signed or verified without its key.");

    /// <summary>HMAC-SHA256 under the signing key (the first).</summary>
    public string Sign(string canonical) => Hash(keys[0], canonical);

    /// <summary>Whether some key of the ring made this hash.</summary>
    public bool Made(string canonical, string hash)
    {
        foreach (var key in keys)
            if (Hash(key, canonical) == hash) return true;
        return false;
    }

    private static string Hash(byte[] key, string canonical) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));

    /// <summary>Every chain head written to the checkpoint file: sequence number and hash. A line cut short by a crash is skipped.</summary>
    public IReadOnlyList<(long Sequence, string Hash)> ReadCheckpoints()
    {
        if (!File.Exists(CheckpointPath)) return [];
        List<(long, string)> heads = [];
        using var stream = new FileStream(CheckpointPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            var parts = line.Split(' ');
            if (parts.Length >= 2 && long.TryParse(parts[0], out var sequence) && parts[1].Length == 64) heads.Add((sequence, parts[1]));
        }
        return heads;
    }

    private void Append(AuditEntry head)
    {
        // One short line, appended: several processes on one machine may share the file (O_APPEND keeps lines whole).
        var line = Encoding.UTF8.GetBytes($"{head.Sequence} {head.Hash} {head.At.UtcDateTime:O}\n");
        lock (fileLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(CheckpointPath)!);
            using var stream = new FileStream(CheckpointPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
            stream.Write(line);
        }
    }

    /// <summary>The newest entry the unit of work has saved: its head once committed.</summary>
    protected override AuditEntry? Note(DbContext context, AuditEntry? noted)
    {
        // The entries this save adds, never measured against what the context noted before: a pooled context
        // may still hold the head of a unit of work that never committed, with the same sequence number.
        AuditEntry? newest = null;
        foreach (var entry in context.ChangeTracker.Entries<AuditEntry>())
            if (entry.State == EntityState.Added && (newest is null || entry.Entity.Sequence > newest.Sequence)) newest = entry.Entity;
        return newest ?? noted;
    }

    protected override void Committed(AuditEntry head) => Append(head);
}
