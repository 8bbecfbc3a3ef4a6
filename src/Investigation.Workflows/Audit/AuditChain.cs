using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Audit;

/// <summary>Where the chain breaks, if it does.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? BrokenAt, string Message);

/// <summary>
/// Appends hash-chained entries, and verifies the chain from the first entry to the last. Each hash is an
/// HMAC under the key of <see cref="AuditSeal"/>, kept outside the database, and the chain heads written
/// to its checkpoint file must still be in the chain: so a rewritten chain and a chain cut short are found,
/// not only an edited or removed entry.
/// </summary>
public static class AuditChain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Adds the next entry to the context (the caller's transaction commits it). Call inside the
    /// transaction, so that the last entry read is the last entry committed.
    /// </summary>
    public static async Task<AuditEntry> AppendAsync(InvestigationDbContext db, DateTimeOffset at, string actor, string action,
        Guid? caseId, string data, CancellationToken ct = default)
    {
        var pending = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity).OrderByDescending(e => e.Sequence).FirstOrDefault();
        if (pending is null) await LockChainAsync(db, ct);
        var last = pending ?? await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        return Add(db, last, at, actor, action, caseId, data);
    }

    /// <summary>The advisory lock that orders appends to the chain on PostgreSQL (any constant both nodes agree on).</summary>
    public const long AppendLock = 0x4155_4449_5443_4841; // "AUDITCHA"

    /// <summary>
    /// On PostgreSQL, several transactions (on several nodes) may read the same last entry and compute
    /// the same next sequence number; the loser then fails on the key, as a 500, even when the two
    /// steps concern different cases. A transaction-scoped advisory lock queues the appends instead:
    /// the next one reads the last entry after the previous one committed (read committed reads what is
    /// committed when the statement starts). It is taken at the append, after the handler's reads and
    /// before any write, so no transaction waits for it while holding a row lock; it is released by the
    /// commit or the rollback. SQLite has one writer at a time already (SqliteWriteGate).
    /// </summary>
    private static async Task LockChainAsync(InvestigationDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The audit chain is appended to inside the step's transaction only.");
        await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({AppendLock})", ct);
    }

    /// <summary>
    /// Adds the entry that follows <paramref name="previous"/>, an entry this unit of work has just
    /// added, without looking for the last one: a step that appends many entries (a batch of timers)
    /// would otherwise scan everything it tracks for each of them.
    /// </summary>
    public static AuditEntry AppendAfter(InvestigationDbContext db, AuditEntry previous, DateTimeOffset at, string actor, string action, Guid? caseId, string data) =>
        Add(db, previous, at, actor, action, caseId, data);

    private static AuditEntry Add(InvestigationDbContext db, AuditEntry? last, DateTimeOffset at, string actor, string action, Guid? caseId, string data)
    {
        var entry = new AuditEntry
        {
            Sequence = (last?.Sequence ?? 0) + 1,
            At = at,
            Actor = actor,
            Action = action,
            CaseId = caseId,
            Data = data,
            PreviousHash = last?.Hash ?? Genesis,
        };
        entry.Hash = AuditSeal.Of(db).Sign(Canonical(entry));
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>What the hash covers: every field, and the previous entry's hash.</summary>
    public static string Canonical(AuditEntry e) =>
        string.Join('\u001f', e.Sequence, e.At.UtcTicks, e.Actor, e.Action, e.CaseId?.ToString() ?? "", e.Data, e.PreviousHash);

    /// <summary>
    /// Walks the whole chain in order, streaming, and says where it first breaks: a gap, a broken link, a
    /// hash the key did not make (an edited entry, or a chain re-hashed without the key), an entry that
    /// differs from its checkpoint (rewritten), or checkpoints beyond the last entry (the newest removed).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(InvestigationDbContext db, CancellationToken ct = default)
    {
        var seal = AuditSeal.Of(db);
        // Of each sequence number the hashes the checkpoints saw (normally one).
        var checkpoints = seal.ReadCheckpoints().ToLookup(c => c.Sequence, c => c.Hash);
        var checkpointed = checkpoints.Count == 0 ? 0 : checkpoints.Max(c => c.Key);
        long expected = 1, checkedCount = 0;
        var previousHash = Genesis;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Sequence != expected)
                return new(false, checkedCount, expected, $"Entry {expected} is missing: the record jumps from {expected - 1} to {e.Sequence}.");
            if (e.PreviousHash != previousHash)
                return new(false, checkedCount, e.Sequence, $"Entry {e.Sequence} does not follow entry {e.Sequence - 1}: an entry was removed or replaced.");
            if (!seal.Made(Canonical(e), e.Hash))
                return new(false, checkedCount, e.Sequence, $"Entry {e.Sequence} was altered after it was written: its hash is not the one the audit key gives its content (edited, or re-hashed without the key).");
            if (checkpoints[e.Sequence].FirstOrDefault(h => h != e.Hash) is not null)
                return new(false, checkedCount, e.Sequence, $"Entry {e.Sequence} was rewritten: its hash differs from the checkpoint written when it was appended.");
            previousHash = e.Hash;
            expected++;
            checkedCount++;
        }
        if (checkpointed > checkedCount)
            return new(false, checkedCount, checkedCount + 1,
                $"The record was cut short: it ends at entry {checkedCount}, but the checkpoint file saw entry {checkpointed}; entries {checkedCount + 1} to {checkpointed} were removed.");
        return new(true, checkedCount, null, checkedCount == 0 ? "The record is empty." : $"All {checkedCount} entries are intact.");
    }
}
