using Investigation.Domain.Cases;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>A step that throws faults its case's workflow visibly; an administrator retries it once the cause is fixed.</summary>
public sealed class FaultedStepTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task MisconfiguredDeadline_FaultsTheNextStep_OtherCasesCarryOn_AndRetryAfterTheFixContinues()
    {
        var faulty = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var healthy = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "另一起事件")).CaseId;
        await app.Script.AcceptAsync(faulty);
        await app.Script.AcceptAsync(healthy);
        app.Deadlines.Days[TaskKinds.SecurityLeadFindings] = 0;

        // The investigator's findings are saved; creating the next task throws, and the workflow records it.
        await app.Script.RecordLevelAsync(faulty, TaskKinds.PartyConcernedFindings, CaseScript.Operator);

        var faulted = await app.SendAs("investigator", new GetCase.Query(faulty));
        Assert.Equal(WorkflowStatus.Faulted, faulted.WorkflowStatus);
        Assert.Single(faulted.Case.Chain![Domain.TraceBack.TraceBackLevel.PartyConcerned].Findings);
        var incident = await app.Read(db => db.Incidents.SingleAsync());
        Assert.Equal("level-2", incident.ActivityId);
        Assert.Contains("Deadlines:Days:SecurityLeadFindings", incident.Message);
        Assert.Null(incident.ResolvedAt);

        // The other case is untouched: its coordination assessment still runs.
        await app.Script.AssessCoordinationAsync(healthy);
        Assert.NotEqual(WorkflowStatus.Faulted, (await app.SendAs("investigator", new GetCase.Query(healthy))).WorkflowStatus);

        // Only an administrator may retry; after the fix the step runs and creates the task.
        await Assert.ThrowsAsync<Messages.ForbiddenException>(() => app.SendAs("investigator", new RetryFaultedStep.Command(faulty)));
        app.Deadlines.Days[TaskKinds.SecurityLeadFindings] = 10;
        var status = await app.SendAs("admin", new RetryFaultedStep.Command(faulty));

        Assert.Equal(WorkflowStatus.Waiting, status);
        Assert.NotNull((await app.Read(db => db.Incidents.SingleAsync())).ResolvedAt);
        await app.Script.RecordLevelAsync(faulty, TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead);
        Assert.Equal(CaseStatus.Investigating, (await app.SendAs("investigator", new GetCase.Query(faulty))).Case.Status);
    }

    [Fact]
    public async Task Retry_OfAWorkflowThatIsNotFaulted_IsAClearConflict()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;

        var ex = await Assert.ThrowsAsync<Messages.ConflictException>(() => app.SendAs("admin", new RetryFaultedStep.Command(id)));

        Assert.Contains("not faulted", ex.Message);
    }
}
