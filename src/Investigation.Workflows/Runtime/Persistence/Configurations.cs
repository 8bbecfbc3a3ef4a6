using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Investigation.Workflows.Runtime.Persistence;

public static class WorkflowModelBuilderExtensions
{
    /// <summary>Adds the runtime's tables (wf_*) to the application's model; call it from OnModelCreating.</summary>
    public static ModelBuilder ApplyWorkflowRuntime(this ModelBuilder builder) => builder
        .ApplyConfiguration(new WorkflowInstanceConfiguration())
        .ApplyConfiguration(new BookmarkConfiguration())
        .ApplyConfiguration(new HumanTaskConfiguration())
        .ApplyConfiguration(new JournalEntryConfiguration())
        .ApplyConfiguration(new IncidentConfiguration());

    // SQLite cannot compare or ORDER BY DateTimeOffset, so every date is stored as UTC ticks:
    // an integer that sorts and compares the same on SQLite and PostgreSQL and keeps indexes small.
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    internal static void StoreDatesAsUtcTicks<T>(this EntityTypeBuilder<T> entity) where T : class
    {
        foreach (var property in entity.Metadata.GetDeclaredProperties().ToList())
            if (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
                entity.Property(property.Name).HasConversion(UtcTicks);
    }

    /// <summary>
    /// A row of the instance's (bookmark, task, journal entry, incident): the database refuses one whose
    /// instance does not exist. Instances are never deleted, so nothing cascades.
    /// </summary>
    internal static void BelongsToInstance<T>(this EntityTypeBuilder<T> entity, System.Linq.Expressions.Expression<Func<T, object?>> instanceId) where T : class =>
        entity.HasOne<WorkflowInstance>().WithMany().HasForeignKey(instanceId).OnDelete(DeleteBehavior.Restrict);

    internal static PropertyBuilder<TEnum> AsString<TEnum>(this PropertyBuilder<TEnum> property) =>
        property.HasConversion<string>().HasMaxLength(16);
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstance>
{
    public void Configure(EntityTypeBuilder<WorkflowInstance> e)
    {
        e.ToTable("wf_instances");
        e.Property(x => x.DefinitionName).HasMaxLength(200);
        e.Property(x => x.Status).AsString();
        e.Property(x => x.CorrelationId).HasMaxLength(200);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasIndex(x => x.CorrelationId);
        e.HasIndex(x => x.Status);
        e.StoreDatesAsUtcTicks();
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> e)
    {
        e.ToTable("wf_bookmarks");
        e.Property(x => x.ActivityId).HasMaxLength(100);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Key).HasMaxLength(200);
        e.HasIndex(x => new { x.Name, x.Key }).IsUnique();
        e.HasIndex(x => x.InstanceId);
        e.BelongsToInstance(x => x.InstanceId);
        // Timers only: a human task's bookmark has no ResumeAt, and every query by ResumeAt asks for one
        // (a comparison implies NOT NULL), so keeping them out costs no lookup and spares every task's
        // creation and completion a write to this index.
        e.HasIndex(x => x.ResumeAt).HasFilter("\"ResumeAt\" IS NOT NULL");
        e.StoreDatesAsUtcTicks();
    }
}

internal sealed class HumanTaskConfiguration : IEntityTypeConfiguration<HumanTask>
{
    // Valid on SQLite and PostgreSQL alike; the status is stored as its name.
    private const string Open = $"\"Status\" = '{nameof(HumanTaskStatus.Open)}'";

    public void Configure(EntityTypeBuilder<HumanTask> e)
    {
        e.ToTable("wf_human_tasks");
        e.Property(x => x.ActivityId).HasMaxLength(100);
        e.Property(x => x.Kind).HasMaxLength(100);
        e.Property(x => x.Title).HasMaxLength(500);
        e.Property(x => x.CandidateRole).HasMaxLength(100);
        e.Property(x => x.UnitId).HasMaxLength(100);
        e.Property(x => x.AssigneeId).HasMaxLength(200);
        e.Property(x => x.CorrelationId).HasMaxLength(200);
        e.Property(x => x.Status).AsString();
        e.Property(x => x.CompletedBy).HasMaxLength(200);
        e.Property(x => x.Outcome).HasMaxLength(100);
        e.Ignore(x => x.EscalationLevel);
        e.Property(x => x.Version).IsConcurrencyToken();
        // The inbox reads open tasks only: "claimable for my roles in my units" and "assigned to me",
        // both by due date. Partial indexes hold the open tasks alone, so they stay as small as the
        // work in progress however long the history grows, and closing a task takes it out of them
        // rather than moving it within a million-row index.
        e.HasIndex(x => new { x.CandidateRole, x.UnitId, x.DueAt }, "IX_wf_human_tasks_Open_CandidateRole_UnitId_DueAt").HasFilter(Open);
        // Assigned ones only: so a "claimable" query (AssigneeId IS NULL) cannot pick this index over the one above.
        e.HasIndex(x => new { x.AssigneeId, x.DueAt }, "IX_wf_human_tasks_Open_AssigneeId_DueAt").HasFilter($"{Open} AND \"AssigneeId\" IS NOT NULL");
        e.HasIndex(x => x.CorrelationId);
        e.HasIndex(x => x.InstanceId);
        e.BelongsToInstance(x => x.InstanceId);
        e.StoreDatesAsUtcTicks();
    }
}

internal sealed class JournalEntryConfiguration : IEntityTypeConfiguration<JournalEntry>
{
    public void Configure(EntityTypeBuilder<JournalEntry> e)
    {
        e.ToTable("wf_journal");
        e.Property(x => x.ActivityId).HasMaxLength(100);
        e.Property(x => x.ActivityType).HasMaxLength(100);
        e.Property(x => x.Event).AsString();
        e.Property(x => x.Outcome).HasMaxLength(200);
        e.Property(x => x.Actor).HasMaxLength(200);
        e.HasIndex(x => x.InstanceId);
        e.BelongsToInstance(x => x.InstanceId);
        e.StoreDatesAsUtcTicks();
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> e)
    {
        e.ToTable("wf_incidents");
        e.Property(x => x.ActivityId).HasMaxLength(100);
        e.HasIndex(x => x.InstanceId);
        e.BelongsToInstance(x => x.InstanceId);
        e.StoreDatesAsUtcTicks();
    }
}
