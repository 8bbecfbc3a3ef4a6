using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Investigation.Workflows.Data.Entities;

/// <summary>
/// A person's saved draft (暂存) of a task's form (SaveDraft): the fields as the page had them, kept per task and
/// user so that it follows the person to another computer. Not the record: what counts is what is submitted.
/// </summary>
public sealed class TaskDraft
{
    public Guid TaskId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>The form's fields, as a JSON object of field name to its values.</summary>
    public string Values { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }

    /// <summary>
    /// Drafts of tasks this unit of work completes, cancels, or takes from their holder (release, reassign): the
    /// draft was that holder's work on a task that is no longer theirs to do. A claim keeps them.
    /// </summary>
    internal static async Task DropStaleAsync(InvestigationDbContext db, CancellationToken ct)
    {
        var gone = db.ChangeTracker.Entries<HumanTask>()
            .Where(e => e.State == EntityState.Modified
                && (e.Entity.Status != HumanTaskStatus.Open
                    || e.Property(t => t.AssigneeId).OriginalValue is { } before && before != e.Entity.AssigneeId))
            .Select(e => e.Entity.Id).ToList();
        if (gone.Count == 0) return;
        db.Set<TaskDraft>().RemoveRange(await db.Set<TaskDraft>().Where(d => gone.Contains(d.TaskId)).ToListAsync(ct));
    }
}

internal sealed class TaskDraftConfiguration : IEntityTypeConfiguration<TaskDraft>
{
    public void Configure(EntityTypeBuilder<TaskDraft> e)
    {
        e.ToTable("task_drafts");
        e.HasKey(x => new { x.TaskId, x.UserName });
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Values).HasMaxLength(Features.Tasks.SaveDraft.MaxLength);
    }
}
