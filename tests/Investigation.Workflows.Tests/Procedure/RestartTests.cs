using Investigation.Domain.Cases;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>A process restart mid-case loses nothing and duplicates nothing.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Restart_WhileWaitingOnTasks_ResumesFromTheSameTasks()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.RecordLevelAsync(id, TaskKinds.PartyConcernedFindings, CaseScript.Operator);
        var before = await app.Read(db => db.HumanTasks.CountAsync());

        await app.RestartAsync();

        Assert.Equal(before, await app.Read(db => db.HumanTasks.CountAsync()));
        await app.Script.RecordLevelAsync(id, TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead);
        await app.Script.RecordLevelAsync(id, TaskKinds.MainLeadFindings, CaseScript.MainLead);
        await app.Script.AssessCoordinationAsync(id);
        var after = await app.SendAs("investigator", new GetCase.Query(id));
        Assert.Equal(CaseStatus.DeterminingResponsibility, after.Case.Status);
        Assert.Single(after.Tasks, t => t.Kind == TaskKinds.ResponsibilityDetermination);
        Assert.True((await app.SendAs("auditor", new Features.Audit.VerifyAuditChain.Query())).Intact);
    }
}
