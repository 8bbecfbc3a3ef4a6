using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>
/// One change of a task's due date: when, by whom, from what to what, and why, for the task page's history
/// (the audit record has them too, as evidence, but is not the place to read them back from).
/// </summary>
public sealed class DueDateChange
{
    /// <summary>Numbered by the database: the order in which the changes were made, even within one clock tick.</summary>
    public long Id { get; set; }
    public Guid TaskId { get; set; }
    public DateTimeOffset At { get; set; }
    public string By { get; set; } = "";
    public DateTimeOffset? From { get; set; }
    public DateTimeOffset To { get; set; }
    public string Reason { get; set; } = "";
}

internal sealed class DueDateChangeConfiguration : IEntityTypeConfiguration<DueDateChange>
{
    public void Configure(EntityTypeBuilder<DueDateChange> e)
    {
        e.ToTable("due_date_changes");
        e.Property(x => x.By).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(2000);
        e.HasIndex(x => new { x.TaskId, x.Id });
        e.HasOne<HumanTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
    }
}
