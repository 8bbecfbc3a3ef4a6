using Investigation.Domain.Incidents;
using Investigation.Domain.Organisation;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>
/// A site that is down, being watched against the six hours of Article 8 (2): a portal of a Party or
/// government organ at or above the prefecture level, or a key news website, registered by the office
/// with the moment it went down. The watch (OutageWatchWorkflow) flags
/// circumstance (2) and proposes a case when the outage reaches 6 hours; recording restoration first stops it.
/// </summary>
public sealed class Outage
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public SiteKind Site { get; set; }
    public AdministrativeLevel SiteLevel { get; set; }

    /// <summary>The site as people know it: its address or name.</summary>
    public string SiteAddress { get; set; } = "";

    public bool Attacked { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset DownAt { get; set; }
    public string RegisteredBy { get; set; } = "";
    public DateTimeOffset RegisteredAt { get; set; }
    public DateTimeOffset? RestoredAt { get; set; }
    public string? RestorationRecordedBy { get; set; }

    /// <summary>When the watch found the outage at 6 hours or more: circumstance (2)'s duration is met and a case was proposed.</summary>
    public DateTimeOffset? ThresholdReachedAt { get; set; }

    public Guid WorkflowInstanceId { get; set; }
    public int Version { get; set; }

    /// <summary>The moment the outage reaches 6 hours (6小时以上 includes 6 hours).</summary>
    public DateTimeOffset ThresholdAt => DownAt + PortalParalysisFacts.Threshold;
}

internal sealed class OutageConfiguration : IEntityTypeConfiguration<Outage>
{
    public void Configure(EntityTypeBuilder<Outage> e)
    {
        e.ToTable("outages");
        e.Property(x => x.Site).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.SiteLevel).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.SiteAddress).HasMaxLength(500);
        e.Property(x => x.Description).HasMaxLength(4000);
        e.Property(x => x.RegisteredBy).HasMaxLength(200);
        e.Property(x => x.RestorationRecordedBy).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.ThresholdAt);
        e.HasIndex(x => new { x.UnitId, x.RestoredAt });
        e.HasOne<UnitRecord>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<WorkflowInstance>().WithMany().HasForeignKey(x => x.WorkflowInstanceId).OnDelete(DeleteBehavior.Restrict);
    }
}
