using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Investigation.Workflows.Evidence;

/// <summary>Evidence settings (section "Evidence").</summary>
public sealed class EvidenceOptions
{
    /// <summary>"Folder" (the default) or "Database".</summary>
    public string Store { get; set; } = "Folder";
    /// <summary>The folder of the files; relative paths are under the application's App_Data.</summary>
    public string Folder { get; set; } = "evidence";
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Documents, images, PDFs, logs and archives: what investigations collect. Nothing a browser would run.</summary>
    public static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".txt"] = "text/plain",
        [".log"] = "text/plain",
        [".csv"] = "text/csv",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".zip"] = "application/zip",
        [".7z"] = "application/x-7z-compressed",
        [".gz"] = "application/gzip",
        [".tar"] = "application/x-tar",
        [".rar"] = "application/vnd.rar",
    };

    /// <summary>What a browser shows by itself without running anything: these are previewed, the rest downloaded.</summary>
    public static bool Previewable(string contentType) =>
        contentType is "application/pdf" or "image/png" or "image/jpeg" or "image/gif" or "image/webp" or "text/plain" or "text/csv";
}

/// <summary>
/// Where evidence bytes are kept. The folder store writes each file under its id, once (files are never
/// changed); the database store keeps them in evidence_contents, inside the step's transaction, so a
/// backup of the database holds them too.
/// </summary>
public sealed class EvidenceStore(InvestigationDbContext db, IOptions<EvidenceOptions> options, IEvidenceFolder folder)
{
    public string Kind => string.Equals(options.Value.Store, "Database", StringComparison.OrdinalIgnoreCase) ? "database" : "folder";

    public async Task SaveAsync(Guid id, byte[] content, CancellationToken ct)
    {
        if (Kind == "database")
        {
            db.Set<EvidenceContent>().Add(new EvidenceContent { Id = id, Content = content });
            return;
        }
        // Written before the commit: if the step rolls back, an unreferenced file is left, never a row without its file.
        var path = folder.PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, ct);
    }

    public async Task<byte[]?> ReadAsync(EvidenceFile file, CancellationToken ct)
    {
        if (file.Store == "database")
            return await db.Set<EvidenceContent>().AsNoTracking().Where(c => c.Id == file.Id).Select(c => c.Content).FirstOrDefaultAsync(ct);
        var path = folder.PathOf(file.Id);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }
}

/// <summary>The evidence folder's location (the web host knows its content root).</summary>
public interface IEvidenceFolder
{
    string PathOf(Guid id);
}

public sealed class EvidenceFolder(string root) : IEvidenceFolder
{
    public string Root { get; } = root;
    // Two levels of directories by the id's first characters keep any one directory small.
    public string PathOf(Guid id) { var n = id.ToString("N"); return Path.Combine(Root, n[..2], n + ".bin"); }
}
