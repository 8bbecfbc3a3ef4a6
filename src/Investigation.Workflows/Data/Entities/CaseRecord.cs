using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>
/// A case as stored: the aggregate's snapshot as JSON, plus the columns lists and filters need
/// (status, unit, circumstances met), kept in step with the snapshot on every save.
/// </summary>
public sealed class CaseRecord
{
    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid UnitId { get; set; }
    public CaseStatus Status { get; set; }
    public string Title { get; set; } = "";
    /// <summary>The circumstances met, as ";2;3;" so that a filter is a LIKE on one column.</summary>
    public string CircumstancesMet { get; set; } = ";";
    public AccountabilityBasis Basis { get; set; }
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid? WorkflowInstanceId { get; set; }
    public string Snapshot { get; set; } = "";
    public int Version { get; set; }

    public Case ToCase() => Case.Restore(CaseJson.Deserialize(Snapshot));

    public static CaseRecord From(Case c, DateTimeOffset now)
    {
        var record = new CaseRecord { Id = c.Id.Value, Number = c.Number, UnitId = c.UnitId.Value, RegisteredAt = c.RegisteredAt, Version = 0 };
        record.Store(c, now);
        return record;
    }

    public void Store(Case c, DateTimeOffset now)
    {
        Status = c.Status;
        Title = c.Title;
        Basis = c.Evaluation.Basis;
        CircumstancesMet = ";" + string.Concat(c.Evaluation.Met.Select(m => $"{(int)m};"));
        Snapshot = CaseJson.Serialize(c.ToSnapshot());
        UpdatedAt = now;
        Version++;
    }

    public static string CircumstanceFilter(Circumstance c) => $"%;{(int)c};%";
}

internal sealed class CaseRecordConfiguration : IEntityTypeConfiguration<CaseRecord>
{
    public void Configure(EntityTypeBuilder<CaseRecord> b)
    {
        b.ToTable("cases");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.Number).IsUnique();
        b.HasIndex(x => new { x.UnitId, x.Status });
        b.HasIndex(x => x.WorkflowInstanceId);
        // Cases, units and instances are never deleted: a reference that points nowhere is refused, never cascaded.
        b.HasOne<UnitRecord>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.WorkflowInstanceId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.Title).HasMaxLength(300);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.Basis).HasConversion<string>().HasMaxLength(32);
        b.Property(x => x.CircumstancesMet).HasMaxLength(32);
        b.Property(x => x.Version).IsConcurrencyToken();
    }
}
