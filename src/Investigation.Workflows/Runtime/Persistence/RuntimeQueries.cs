using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Investigation.Workflows.Runtime.Persistence;

/// <summary>
/// The lookups every step makes, compiled once: a compiled query skips the expression-tree work
/// (building, parameter extraction, cache lookup) that LINQ and FindAsync repeat on every call,
/// which is most of their cost on SQLite. A compiled query is bound to one model, so each model
/// (the application's context, a test's context) gets its own set.
/// </summary>
internal sealed class RuntimeQueries
{
    private static readonly ConditionalWeakTable<IModel, RuntimeQueries> ByModel = new();

    /// <summary>
    /// The bookmarks of the instance waiting for (name, key), in one query through two indexes: the
    /// (Name, Key) unique index finds the instance, the InstanceId index brings all of its bookmarks,
    /// which joins and completion need.
    /// </summary>
    public static readonly Expression<Func<DbContext, string, string, IQueryable<Bookmark>>> BookmarksOfInstanceWaitingFor =
        (db, name, key) => db.Set<Bookmark>().Where(b => b.InstanceId == db.Set<Bookmark>()
            .Where(x => x.Name == name && x.Key == key)
            .Select(x => x.InstanceId)
            .FirstOrDefault());

    private readonly Func<DbContext, string, string, IAsyncEnumerable<Bookmark>> waiting = EF.CompileAsyncQuery(BookmarksOfInstanceWaitingFor);

    private readonly Func<DbContext, Guid, CancellationToken, Task<WorkflowInstance?>> instance =
        EF.CompileAsyncQuery((DbContext db, Guid id, CancellationToken ct) => db.Set<WorkflowInstance>().FirstOrDefault(i => i.Id == id));

    private readonly Func<DbContext, Guid, CancellationToken, Task<HumanTask?>> task =
        EF.CompileAsyncQuery((DbContext db, Guid id, CancellationToken ct) => db.Set<HumanTask>().FirstOrDefault(t => t.Id == id));

    public static Task<List<Bookmark>> WaitingAsync(DbContext db, string name, string key, CancellationToken ct) =>
        Of(db).waiting(db, name, key).ToListAsync(ct).AsTask();

    public static Task<WorkflowInstance?> InstanceAsync(DbContext db, Guid id, CancellationToken ct) => FindAsync(db, id, Of(db).instance, ct);

    public static Task<HumanTask?> TaskAsync(DbContext db, Guid id, CancellationToken ct) => FindAsync(db, id, Of(db).task, ct);

    private static RuntimeQueries Of(DbContext db) => ByModel.GetValue(db.Model, static _ => new RuntimeQueries());

    /// <summary>What FindAsync does, the tracked entity if there is one and otherwise one query by key, without its per-call cost.</summary>
    private static async Task<T?> FindAsync<T>(DbContext db, Guid id, Func<DbContext, Guid, CancellationToken, Task<T?>> query, CancellationToken ct)
        where T : class
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false; // a lookup by key needs no DetectChanges pass over everything tracked
        try
        {
            if (db.Set<T>().Local.FindEntry(id) is { } entry) return entry.Entity;
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
        return await query(db, id, ct);
    }
}
