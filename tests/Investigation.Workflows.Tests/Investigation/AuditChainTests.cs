using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Investigation;

/// <summary>The audit record is hash-chained: an edited, removed or reordered entry is found, and where.</summary>
public sealed class AuditChainTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync()
    {
        app = await AppHost.StartAsync();
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.RecordLevelAsync(id, Workflows.Investigation.TaskKinds.PartyConcernedFindings, Demo.CaseScript.Operator);
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
        // A forger who recomputes the edited entry's own hash still breaks the link to the next entry.
        var entry = await app.Read(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 2));
        entry.Data = "{}";
        var forged = Audit.AuditChain.HashOf(entry);
        await Sql("UPDATE audit_entries SET Data = {0}, Hash = {1} WHERE Sequence = 2", "{}", forged);

        var result = await app.SendAs("auditor", new VerifyAuditChain.Query());

        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
    }

    [Fact]
    public async Task Verify_IsRefusedToRolesOtherThanAuditorAndAdministrator()
    {
        await Assert.ThrowsAsync<Pipeline.ForbiddenException>(() => app.SendAs("investigator", new VerifyAuditChain.Query()));
    }
}
