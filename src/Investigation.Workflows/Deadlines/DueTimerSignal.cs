using System.Data.Common;
using System.Runtime.CompilerServices;
using Investigation.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

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
public sealed class DueTimerInterceptor(DueTimerSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    // The earliest timer each unit of work has saved but not yet committed.
    private readonly ConditionalWeakTable<DbContext, StrongBox<DateTimeOffset>> pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Without a transaction of the caller's, the save itself was the commit.
        if (eventData.Context?.Database.CurrentTransaction is null) Release(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null) return;
        DateTimeOffset? earliest = null;
        foreach (var entry in context.ChangeTracker.Entries<Bookmark>())
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity.ResumeAt is { } at && (earliest is null || at < earliest))
                earliest = at;
        if (earliest is not { } e) return;
        var box = pending.GetOrCreateValue(context);
        // Several saves in one transaction: keep the earliest (a fresh box holds default, the far past).
        box.Value = box.Value == default || e < box.Value ? e : box.Value;
    }

    private void Release(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var box)) return;
        pending.Remove(context);
        signal.Raise(box.Value);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) pending.Remove(context);
    }
}
