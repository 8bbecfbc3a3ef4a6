using System.Security.Cryptography;
using System.Text;
using Investigation.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Audit;

/// <summary>Where the chain breaks, if it does.</summary>
public sealed record AuditVerification(bool Intact, long EntriesChecked, long? BrokenAt, string Message);

/// <summary>Appends hash-chained entries, and verifies the chain from the first entry to the last.</summary>
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
        var last = pending ?? await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        return Add(db, last, at, actor, action, caseId, data);
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
        entry.Hash = HashOf(entry);
        db.AuditEntries.Add(entry);
        return entry;
    }

    public static string HashOf(AuditEntry e)
    {
        var canonical = string.Join('\u001f', e.Sequence, e.At.UtcTicks, e.Actor, e.Action, e.CaseId?.ToString() ?? "", e.Data, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Walks the whole chain in order, streaming, and says where it first breaks.</summary>
    public static async Task<AuditVerification> VerifyAsync(InvestigationDbContext db, CancellationToken ct = default)
    {
        long expected = 1, checkedCount = 0;
        var previousHash = Genesis;
        await foreach (var e in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (e.Sequence != expected)
                return new(false, checkedCount, expected, $"Entry {expected} is missing: the record jumps from {expected - 1} to {e.Sequence}.");
            if (e.PreviousHash != previousHash)
                return new(false, checkedCount, e.Sequence, $"Entry {e.Sequence} does not follow entry {e.Sequence - 1}: an entry was removed or replaced.");
            if (HashOf(e) != e.Hash)
                return new(false, checkedCount, e.Sequence, $"Entry {e.Sequence} was altered after it was written: its content no longer matches its hash.");
            previousHash = e.Hash;
            expected++;
            checkedCount++;
        }
        return new(true, checkedCount, null, checkedCount == 0 ? "The record is empty." : $"All {checkedCount} entries are intact.");
    }
}
