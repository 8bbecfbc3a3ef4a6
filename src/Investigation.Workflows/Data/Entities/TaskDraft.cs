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
