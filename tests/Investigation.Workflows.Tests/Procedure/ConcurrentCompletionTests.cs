using Investigation.Domain.Cases;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>Two people act on one task at the same moment: exactly one wins; the other is told, and nothing is half-written.</summary>
public sealed class ConcurrentCompletionTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TwoCompletions_OfOneTask_OneWinsAndTheOtherGetsAClearMessage()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var auditBefore = await app.Read(db => db.AuditEntries.CountAsync());
        RecordFindings.Command Findings(string facts) => new(task,
            [new(CaseScript.Operator.Value, true, facts, ["询问笔录"], Domain.Incidents.Article3Duty.ProtectionAndIncidentHandling)]);

        var results = await Task.WhenAll(
            Attempt(() => app.SendAs("investigator", Findings("组长认定的事实"))),
            Attempt(() => app.SendAs("investigator2", Findings("组员认定的事实"))));

        Assert.Single(results, r => r is null);
        var loser = Assert.Single(results, r => r is not null);
        var conflict = Assert.IsType<ConflictException>(loser);
        Assert.Contains("already completed by", conflict.Message);
        Assert.Contains("Nothing was changed", conflict.Message);

        var c = (await app.SendAs("investigator", new GetCase.Query(id))).Case;
        var finding = Assert.Single(c.Chain![Domain.TraceBack.TraceBackLevel.PartyConcerned].Findings);
        Assert.Equal(CaseStatus.Investigating, c.Status);
        Assert.Equal(1, await app.Read(db => db.HumanTasks.CountAsync(t => t.Kind == TaskKinds.SecurityLeadFindings)));
        Assert.Equal(auditBefore + 1, await app.Read(db => db.AuditEntries.CountAsync()));
        var winner = (await app.Read(db => db.HumanTasks.SingleAsync(t => t.Id == task))).CompletedBy;
        Assert.Equal(winner == "investigator" ? "组长认定的事实" : "组员认定的事实", finding.Facts);
    }

    [Fact]
    public async Task TwoClaims_OfOneTask_OneWinsAndTheOtherIsToldWhoHasIt()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");

        var results = await Task.WhenAll(
            Attempt(() => app.SendAs("investigator", new ClaimTask.Command(task))),
            Attempt(() => app.SendAs("investigator2", new ClaimTask.Command(task))));

        Assert.Single(results, r => r is null);
        // Someone else was first: a conflict (409), not a lack of rights.
        var refusal = Assert.IsType<ConflictException>(Assert.Single(results, r => r is not null));
        Assert.Contains("claimed this task first", refusal.Message);
    }

    private static async Task<Exception?> Attempt<T>(Func<Task<T>> action)
    {
        try { await action(); return null; }
        catch (Exception e) { return e; }
    }
}
