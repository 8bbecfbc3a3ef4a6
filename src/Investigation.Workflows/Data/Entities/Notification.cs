using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

public enum NotificationKind
{
    /// <summary>A task's time is three quarters (or as configured) gone.</summary>
    Reminder,
    /// <summary>A task of someone the recipient supervises is overdue.</summary>
    Escalation,
    /// <summary>A task is still overdue after the grace period: the supervisors one unit up are told.</summary>
    SecondEscalation,
    /// <summary>The recipient's own task is overdue.</summary>
    Overdue,
    /// <summary>The due date of the recipient's task was changed.</summary>
    DueDateChanged,
    /// <summary>An outage reached 6 hours: circumstance (2) of Article 8 is met; a case is proposed.</summary>
    OutageThresholdReached,
    /// <summary>The nightly verification found the audit record's chain broken (Article 11): administrators and auditors are told.</summary>
    AuditChainBroken,
    /// <summary>A new task waits for the recipient: assigned to them, or theirs to claim.</summary>
    TaskWaiting,
}

/// <summary>
/// A message to one user, kept in the application (the bell). It is written in the same transaction
/// as the effect that caused it, so an effect and its notifications happen together, once.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>The user name of the person it is for.</summary>
    public string Recipient { get; set; } = "";

    public NotificationKind Kind { get; set; }
    public string TitleZh { get; set; } = "";
    public string TitleEn { get; set; } = "";
    public string BodyZh { get; set; } = "";
    public string BodyEn { get; set; } = "";

    /// <summary>Where the recipient acts on it (a task, a case, the registration form with the facts filled in).</summary>
    public string? Link { get; set; }

    public Guid? TaskId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? OutageId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.ToTable("notifications");
        e.Property(x => x.Recipient).HasMaxLength(200);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(32);
        e.Property(x => x.TitleZh).HasMaxLength(500);
        e.Property(x => x.TitleEn).HasMaxLength(500);
        e.Property(x => x.BodyZh).HasMaxLength(4000);
        e.Property(x => x.BodyEn).HasMaxLength(4000);
        e.Property(x => x.Link).HasMaxLength(500);
        // The bell (unread count) and the list (newest first) read one user's rows through these.
        e.HasIndex(x => new { x.Recipient, x.ReadAt });
        e.HasIndex(x => new { x.Recipient, x.CreatedAt });
        // "Escalated to me": the inbox puts these tasks first.
        e.HasIndex(x => new { x.Recipient, x.Kind, x.TaskId });
        e.HasOne<HumanTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaseRecord>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Outage>().WithMany().HasForeignKey(x => x.OutageId).OnDelete(DeleteBehavior.Restrict);
    }
}
