using Investigation.Domain.Cases;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>A case from registration to closure, every step as its role, on a real SQLite file.</summary>
public sealed class InvestigationJourneyTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<CaseStatus> StatusOf(Guid caseId) => (await app.SendAs("auditor", new GetCase.Query(caseId))).Case.Status;

    [Fact]
    public async Task Case_FromRegistrationToClosure_PassesEveryStepAndEndsTheWorkflow()
    {
        var script = app.Script;
        var registered = await script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());

        Assert.Equal("2026-0001", registered.Number);
        Assert.Contains(Circumstance.PortalParalysed, registered.Evaluation.Met);
        Assert.Contains(Circumstance.PortalTampered, registered.Evaluation.Met);
        Assert.True(registered.Evaluation.TraceBackMandatory);
        var id = registered.CaseId;
        Assert.Equal(CaseStatus.Registered, await StatusOf(id));

        await script.AcceptAsync(id);
        Assert.Equal(CaseStatus.Investigating, await StatusOf(id));

        // Level by level, with the coordination assessment alongside.
        await script.RecordLevelAsync(id, TaskKinds.PartyConcernedFindings, CaseScript.Operator);
        await script.RecordLevelAsync(id, TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead, asUser: "investigator2");
        await script.RecordLevelAsync(id, TaskKinds.MainLeadFindings, CaseScript.MainLead);
        Assert.Equal(CaseStatus.Investigating, await StatusOf(id)); // the join still waits for the coordination branch
        await script.AssessCoordinationAsync(id);
        Assert.Equal(CaseStatus.DeterminingResponsibility, await StatusOf(id));

        await script.DetermineAsync(id);
        var afterDetermination = (await app.SendAs("investigator", new GetCase.Query(id))).Case;
        Assert.Equal(CaseStatus.Hearing, afterDetermination.Status);
        Assert.Equal(4, afterDetermination.PeopleHeldResponsible.Count()); // operator, security lead, main lead, participating member
        Assert.Contains(afterDetermination.Responsibilities, r => r.Person == CaseScript.Member && r.Dissented);

        await script.HearAsync(id);
        await script.SuggestAsync(id);
        Assert.Equal(CaseStatus.UnderReview, await StatusOf(id));
        await script.EndorseAsync(id);
        await script.ApproveAsync(id);
        Assert.Equal(CaseStatus.AwaitingDecision, await StatusOf(id));
        await script.DecideAsync(id, new DateOnly(2026, 3, 2));
        Assert.Equal(CaseStatus.Decided, await StatusOf(id));
        await script.AcknowledgeAsync(id);

        var closed = await app.SendAs("auditor", new GetCase.Query(id, EngineLog: true));
        Assert.Equal(CaseStatus.Closed, closed.Case.Status);
        Assert.Equal(WorkflowStatus.Completed, closed.WorkflowStatus);
        Assert.All(closed.Tasks, t => Assert.Equal(HumanTaskStatus.Completed, t.Status));
        Assert.Equal(12, closed.Tasks.Count);
        Assert.Contains(closed.Timeline, e => e.TaskKind == TaskKinds.Acknowledgement && e.Event == JournalEvent.Completed && e.Actor == "cadremanagement");
        Assert.Equal(0, await app.Read(db => db.Bookmarks.CountAsync()));

        var diagram = await app.SendAs("auditor", new GetProcessDiagram.Query(id));
        Assert.DoesNotContain(diagram.Steps, s => s.State == GetProcessDiagram.StepState.Active);
        Assert.Equal(GetProcessDiagram.StepState.Done, diagram.Steps.Single(s => s.ActivityId == "acknowledgement").State);
        Assert.Equal(GetProcessDiagram.StepState.Pending, diagram.Steps.Single(s => s.ActivityId == "again-level-2").State);

        var audit = await app.SendAs("auditor", new VerifyAuditChain.Query());
        Assert.True(audit.Intact, audit.Message);
        Assert.Equal(await app.Read(db => db.AuditEntries.CountAsync()), audit.EntriesChecked);
        Assert.Equal(14, audit.EntriesChecked); // one entry per command: the registration, the investigation report and the 12 task completions
    }

    [Fact]
    public async Task Diagram_WhileInvestigating_MarksTheWaitingStepsActive()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);

        var diagram = await app.SendAs("investigator", new GetProcessDiagram.Query(id));

        Assert.Equal(GetProcessDiagram.StepState.Done, diagram.Steps.Single(s => s.ActivityId == "accept").State);
        Assert.Equal(["coordination", "level-1"], diagram.Steps.Where(s => s.State == GetProcessDiagram.StepState.Active).Select(s => s.ActivityId).Order());
        Assert.Equal(GetProcessDiagram.StepState.Pending, diagram.Steps.Single(s => s.ActivityId == "level-2").State);
    }

    [Fact]
    public async Task Rejection_EndsTheCaseAndTheWorkflow()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var task = await app.Script.TaskAsync(id, TaskKinds.Acceptance, "caseofficer");

        await app.SendAs("caseofficer", new Features.Tasks.CompleteAcceptance.Command(task, false, null, null, "同一事件已由国家网信办直接调查。"));

        var result = await app.SendAs("caseofficer", new GetCase.Query(id));
        Assert.Equal(CaseStatus.Rejected, result.Case.Status);
        Assert.Equal("同一事件已由国家网信办直接调查。", result.Case.RejectionReason);
        Assert.Equal(WorkflowStatus.Completed, result.WorkflowStatus);
    }
}
