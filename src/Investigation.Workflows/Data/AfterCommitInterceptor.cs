using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Investigation.Workflows.Data;

/// <summary>
/// Something a unit of work's saves note (an audit head, the earliest timer), acted on once its
/// transaction has committed, and dropped if it rolls back or the save fails. A save without a
/// transaction of the caller's is its own commit. One home for EF Core's save and transaction events,
/// so that each user only says what to note and what to do after the commit.
/// </summary>
public abstract class AfterCommitInterceptor<T> : ISaveChangesInterceptor, IDbTransactionInterceptor where T : class
{
    private readonly ConditionalWeakTable<DbContext, T> pending = new();

    /// <summary>What this save adds to what the unit of work has noted so far (<paramref name="noted"/>, null at first); null for nothing.</summary>
    protected abstract T? Note(DbContext context, T? noted);

    /// <summary>Runs after the commit, with what the unit of work noted.</summary>
    protected abstract void Committed(T noted);

    private void Noting(DbContext? context)
    {
        if (context is null) return;
        pending.TryGetValue(context, out var noted);
        if (Note(context, noted) is { } now) pending.AddOrUpdate(context, now);
    }

    private void Release(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var noted)) return;
        pending.Remove(context);
        Committed(noted);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null) pending.Remove(context);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Noting(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Noting(eventData.Context);
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
}
