using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Features.Tasks;

/// <summary>
/// Drops, in the command's transaction, the drafts (SaveDraft) of tasks the command completes, cancels, or takes
/// from their holder (release, reassign): the draft was that holder's work on a task that is no longer theirs to
/// do. A claim keeps them.
/// </summary>
public sealed class StaleDrafts(InvestigationDbContext db) : IBeforeCommit
{
    public async Task BeforeCommitAsync(CancellationToken ct)
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
