using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

using Investigation.Workflows.Data;
using Investigation.Workflows.Runtime.Persistence;

namespace Investigation.Workflows.Deadlines;

/// <summary>
/// Tells whoever plans the timers (the scheduler, when this process runs one) that a commit has just
/// made a timer due at a moment, so that an earlier timer than the one planned is not left to the
/// safety poll. Raised after the commit, never before: a planner that looked for the timer earlier
/// would not find it.
/// </summary>
public sealed class DueTimerSignal
{
    public event Action<DateTimeOffset>? Committed;

    public void Raise(DateTimeOffset at) => Committed?.Invoke(at);
}

/// <summary>
/// Watches every unit of work for timer bookmarks added or moved (tasks' deadlines, workflow timers,
/// changed due dates), and raises <see cref="DueTimerSignal"/> with the earliest once the transaction
/// that wrote them has committed. Nothing is raised for a rolled-back step.
/// </summary>
public sealed class DueTimerInterceptor(DueTimerSignal signal) : AfterCommitInterceptor<StrongBox<DateTimeOffset>>
{
    /// <summary>The earliest timer the unit of work has added or moved (several saves in one transaction: the earliest of all).</summary>
    protected override StrongBox<DateTimeOffset>? Note(DbContext context, StrongBox<DateTimeOffset>? noted)
    {
        foreach (var entry in context.ChangeTracker.Entries<Bookmark>())
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity.ResumeAt is { } at && (noted is null || at < noted.Value))
                noted = new StrongBox<DateTimeOffset>(at);
        return noted;
    }

    protected override void Committed(StrongBox<DateTimeOffset> earliest) => signal.Raise(earliest.Value);
}
