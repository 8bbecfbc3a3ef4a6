using Investigation.Domain.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>A unit of the organisation tree, as stored.</summary>
public sealed class UnitRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public UnitKind Kind { get; set; }
    public AdministrativeLevel Level { get; set; }
    public Guid? ParentId { get; set; }
    public string? Industry { get; set; }
    /// <summary>The office's own short key for the unit (as in its lists), unique; imports match on it.</summary>
    public string? Code { get; set; }
    public bool Retired { get; set; }
    /// <summary>The industry regulator recorded for the unit (Article 4); null: found from its industry.</summary>
    public Guid? RegulatorId { get; set; }
}

/// <summary>A post on a unit's leadership team, held from a day to a day (both included; To null while held).</summary>
public sealed class AppointmentRecord
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public Guid PersonId { get; set; }
    public LeadershipRole Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

/// <summary>A person (cadre or staff member) as stored.</summary>
public sealed class PersonRecord
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Post { get; set; } = "";
    public Guid UnitId { get; set; }
    public Guid ManagingOrganisationId { get; set; }
    /// <summary>The office's own key for the person (a staff number), unique; imports match on it.</summary>
    public string? Code { get; set; }
    public bool Retired { get; set; }
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
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class AppointmentRecordConfiguration : IEntityTypeConfiguration<AppointmentRecord>
{
    public void Configure(EntityTypeBuilder<AppointmentRecord> b)
    {
        b.ToTable("org_appointments");
        b.HasKey(x => x.Id);
        b.HasIndex(x => x.UnitId);
        b.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
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
        b.Property(x => x.Code).HasMaxLength(64);
        b.HasIndex(x => x.Code).IsUnique();
    }
}
