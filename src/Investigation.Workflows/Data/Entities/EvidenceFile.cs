using Investigation.Domain.TraceBack;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>
/// A file of evidence on a case, or on the findings of one trace-back level. Its bytes live in the
/// configured store (a folder by default, or the database); its SHA-256 is kept here and on the audit
/// entry of its upload, so a file can be shown to be the one that was uploaded.
/// </summary>
public sealed class EvidenceFile
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The trace-back level whose findings it supports; none for evidence of the case as a whole.</summary>
    public TraceBackLevel? Level { get; set; }
    public string FileName { get; set; } = "";
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    /// <summary>Lower-case hex.</summary>
    public string Sha256 { get; set; } = "";
    public string UploadedBy { get; set; } = "";
    public DateTimeOffset UploadedAt { get; set; }
    /// <summary>Where the bytes are: "folder" or "database".</summary>
    public string Store { get; set; } = "";
}

/// <summary>A file's bytes, when the database is the store (Evidence:Store = Database).</summary>
public sealed class EvidenceContent
{
    public Guid Id { get; set; }
    public byte[] Content { get; set; } = [];
}

/// <summary>A remark on a case for its team (CommentOnCase).</summary>
public sealed class CaseComment
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public string Author { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> e)
    {
        e.ToTable("evidence_files");
        e.HasIndex(x => x.CaseId);
        e.Property(x => x.Level).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.UploadedBy).HasMaxLength(256);
        e.Property(x => x.Store).HasMaxLength(16);
    }
}

internal sealed class EvidenceContentConfiguration : IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<EvidenceContent> e) => e.ToTable("evidence_contents");
}

internal sealed class CaseCommentConfiguration : IEntityTypeConfiguration<CaseComment>
{
    public void Configure(EntityTypeBuilder<CaseComment> e)
    {
        e.ToTable("case_comments");
        e.HasIndex(x => new { x.CaseId, x.At });
        e.Property(x => x.Author).HasMaxLength(256);
        e.Property(x => x.Text).HasMaxLength(4000);
    }
}
