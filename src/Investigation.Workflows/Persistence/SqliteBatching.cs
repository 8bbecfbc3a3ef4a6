using Microsoft.EntityFrameworkCore.Update;

namespace Investigation.Workflows.Persistence;

/// <summary>
/// EF Core's SQLite provider sends every INSERT, UPDATE and DELETE of a SaveChanges as its own command.
/// A workflow step writes about ten rows (the instance, the task it closes and the one it opens, their
/// bookmarks, journal entries, the case, the audit entry), so that per-command cost was most of a step.
/// SQLite runs a command of several statements just as well, and every UPDATE and DELETE the provider
/// writes returns a row per row changed (RETURNING 1), so the concurrency check still sees each one:
/// this sends the statements of a SaveChanges together, in commands of up to <see cref="MaxBatchSize"/>.
/// </summary>
internal sealed class SqliteBatching(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    /// <summary>Well below SQLite's limit of 32,766 parameters per statement list for any row of this model.</summary>
    public const int MaxBatchSize = 100;

    public ModificationCommandBatch Create() => new Batch(dependencies);

    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies) : AffectedCountModificationCommandBatch(dependencies, SqliteBatching.MaxBatchSize);
}
