using System.Security.Cryptography;
using System.Text;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>The audit record is hash-chained: an edited, removed or reordered entry is found, and where.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync()
    {
        app = await AppHost.StartAsync();
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.RecordLevelAsync(id, Workflows.Procedure.TaskKinds.PartyConcernedFindings, Demo.CaseScript.Operator);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task Sql(string sql, params object[] parameters) => app.Read(db => db.Database.ExecuteSqlRawAsync(sql, parameters));

    [Fact]
    public async Task Verify_OnAnUntouchedRecord_IsIntact()
    {
        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.True(result.Intact);
        Assert.Equal(3, result.EntriesChecked);
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsEdited_SaysWhichEntry()
    {
        await Sql("UPDATE audit_entries SET Actor = 'someone-else' WHERE Sequence = 2");

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("altered", result.Message);
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsDeleted_SaysWhereTheGapIs()
    {
        await Sql("DELETE FROM audit_entries WHERE Sequence = 2");

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("missing", result.Message);
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsReplacedWithAConsistentHash_FindsTheBrokenLink()
    {
        // A forger who holds the key and recomputes the edited entry's own hash: the checkpoint of entry 2 differs,
        // and without the checkpoint file the link to the next entry breaks.
        var entry = await app.Read(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2));
        entry.Data = "{}";
        var forged = await app.Read(db => Task.FromResult(AuditSeal.Of(db).Sign(AuditChain.Canonical(entry))));
        await Sql("UPDATE audit_entries SET Data = {0}, Hash = {1} WHERE Sequence = 2", "{}", forged);

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());
        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("rewritten", result.Message);

        File.Delete(await app.Read(db => Task.FromResult(AuditSeal.Of(db).CheckpointPath)));
        result = await app.SendAs("auditor", new VerifyAuditChain.Query());
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_AfterTheNewestEntriesAreDeleted_SaysTheRecordWasCutShortAndWhichEntriesAreGone()
    {
        // Deleting from the end leaves no gap and no broken link: only the checkpoint file knows the chain was longer.
        await Sql("DELETE FROM audit_entries WHERE Sequence >= 2");

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Equal(1, result.EntriesChecked);
        Assert.Contains("cut short", result.Message);
        Assert.Contains("entries 2 to 3 were removed", result.Message);
    }

    [Fact]
    public async Task Verify_AfterTheWholeRecordIsDeleted_SaysItWasCutShort()
    {
        await Sql("DELETE FROM audit_entries");

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(1, result.BrokenAt);
        Assert.Contains("entries 1 to 3 were removed", result.Message);
    }

    /// <summary>Rewrites every entry from the first, with the edit at entry 2, re-linking and re-hashing the whole chain with the given hash.</summary>
    private async Task RewriteChainAsync(Func<InvestigationDbContext, AuditEntry, string> hash)
    {
        var entries = await app.Read(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var previous = AuditChain.Genesis;
        foreach (var e in entries)
        {
            if (e.Sequence == 2) e.Actor = "someone-else";
            e.PreviousHash = previous;
            e.Hash = await app.Read(db => Task.FromResult(hash(db, e)));
            await Sql("UPDATE audit_entries SET Actor = {0}, PreviousHash = {1}, Hash = {2} WHERE Sequence = {3}", e.Actor, e.PreviousHash, e.Hash, e.Sequence);
            previous = e.Hash;
        }
    }

    [Fact]
    public async Task Verify_AfterTheWholeChainIsReHashedWithoutTheKey_FindsTheFirstEntry()
    {
        // Every link is consistent (plain SHA-256, as anyone can compute), but no hash is one the key makes.
        await RewriteChainAsync((_, e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AuditChain.Canonical(e)))));

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(1, result.BrokenAt);
        Assert.Contains("re-hashed without the key", result.Message);
    }

    [Fact]
    public async Task Verify_AfterTheWholeChainIsReHashedWithTheKey_TheCheckpointsShowTheRewrite()
    {
        // Even with the key stolen, the checkpoint file still holds the hashes the entries had when they were written.
        await RewriteChainAsync((db, e) => AuditSeal.Of(db).Sign(AuditChain.Canonical(e)));

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(2, result.BrokenAt);
        Assert.Contains("rewritten", result.Message);
    }

    [Fact]
    public void KeyRotation_TheNewKeySigns_AndEntriesSignedWithTheOldStillVerify()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        var path = Path.Combine(Path.GetTempPath(), $"checkpoints-{Guid.NewGuid():N}.log");
        var before = new AuditSeal([oldKey], path);
        var after = new AuditSeal([newKey, oldKey], path);
        var withoutOld = new AuditSeal([newKey], path);

        var signedBefore = before.Sign("entry");
        Assert.True(after.Made("entry", signedBefore));
        Assert.True(after.Made("entry", after.Sign("entry")));
        Assert.NotEqual(signedBefore, after.Sign("entry"));
        // A key dropped from the ring no longer vouches for what it signed.
        Assert.False(withoutOld.Made("entry", signedBefore));
        Assert.Throws<InvalidOperationException>(() => new AuditSeal([RandomNumberGenerator.GetBytes(16)], path));
    }

    [Fact]
    public async Task Verify_IsRefusedToRolesOtherThanAuditorAndAdministrator()
    {
        await Assert.ThrowsAsync<Messages.ForbiddenException>(() => app.SendAs("investigator", new VerifyAuditChain.Query()));
    }
}
