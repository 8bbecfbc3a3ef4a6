using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Investigation.Workflows.Data;

/// <summary>
/// Every save on SQLite that is its own transaction queues on <see cref="SqliteWriteGate"/>, as commands do:
/// Identity's user updates at sign-in, the data-protection key ring, seeding and console set-up write outside
/// any command. Without it they met the commands' transactions in SQLite's own lock, which on a loaded machine
/// answered SQLITE_BUSY (a sign-in page without its form, a 500). A save inside a transaction of the caller's
/// (a command's, which took the turn before it began) does not take it again.
/// </summary>
internal sealed class SqliteSaveGate : ISaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, StrongBox<SqliteWriteGate.Turn>> held = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (OwnTransaction(eventData.Context) is { } db) held.AddOrUpdate(db, new(SqliteWriteGate.Enter(db.Database.GetDbConnection())));
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (OwnTransaction(eventData.Context) is { } db)
            held.AddOrUpdate(db, new(await SqliteWriteGate.EnterAsync(db.Database.GetDbConnection(), cancellationToken)));
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    private static DbContext? OwnTransaction(DbContext? context) =>
        context is { Database.CurrentTransaction: null } && context.ChangeTracker.HasChanges() ? context : null;

    private void Release(DbContext? context)
    {
        if (context is null || !held.TryGetValue(context, out var turn)) return;
        held.Remove(context);
        turn.Value.Dispose();
    }
}
