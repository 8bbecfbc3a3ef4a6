using Investigation.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Persistence;

/// <summary>A unit of the organisation tree, as stored.</summary>
public sealed class UnitRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public UnitKind Kind { get; set; }
    public AdministrativeLevel Level { get; set; }
    public Guid? ParentId { get; set; }
    public string? Industry { get; set; }
    public Guid? MainLeadId { get; set; }
    public Guid? SecurityLeadId { get; set; }
    /// <summary>The other members of the leadership team, in order, as comma-separated ids.</summary>
    public string OtherMembers { get; set; } = "";
}

/// <summary>A person (cadre or staff member) as stored.</summary>
public sealed class PersonRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Post { get; set; } = "";
    public Guid UnitId { get; set; }
    public Guid ManagingOrganisationId { get; set; }
}

internal sealed class UnitRecordConfiguration : IEntityTypeConfiguration<UnitRecord>
{
    public void Configure(EntityTypeBuilder<UnitRecord> b)
    {
        b.ToTable("org_units");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.ParentId);
        b.HasOne<UnitRecord>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        // The leadership (MainLeadId, SecurityLeadId) points at people who point back at their unit: as foreign
        // keys both ways, neither row could be inserted first, so the leads stay plain columns checked by the tree.
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(48);
        b.Property(x => x.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(x => x.Industry).HasMaxLength(100);
    }
}

internal sealed class PersonRecordConfiguration : IEntityTypeConfiguration<PersonRecord>
{
    public void Configure(EntityTypeBuilder<PersonRecord> b)
    {
        b.ToTable("org_people");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.UnitId);
        b.HasOne<UnitRecord>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<UnitRecord>().WithMany().HasForeignKey(x => x.ManagingOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Post).HasMaxLength(200);
    }
}
