using FluentValidation;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Investigation;
using Investigation.Workflows.Pipeline;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Investigation;

/// <summary>The inbox: assigned and claimable tasks, overdue first; claim, release and reassign.</summary>
public sealed class InboxTests : IAsyncLifetime
{
    private AppHost app = null!;

    public async Task InitializeAsync() => app = await AppHost.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Inbox_ListsOverdueTasksFirst_WithCounts()
    {
        var older = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "较早")).CaseId;
        app.Clock.Advance(TimeSpan.FromDays(2));
        var newer = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "较晚")).CaseId;
        app.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1)); // the older acceptance (3 days) is now overdue

        var inbox = await app.SendAs("caseofficer", new GetInbox.Query());

        Assert.Equal(2, inbox.Total);
        Assert.Equal(1, inbox.Overdue);
        Assert.Equal([older, newer], inbox.Items.Select(i => i.CaseId));
        Assert.True(inbox.Items[0].Overdue);
        Assert.False(inbox.Items[1].Overdue);
    }

    [Fact]
    public async Task Inbox_Filters_ByKindCircumstanceAndCase()
    {
        var portal = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.SendAs("caseofficer", new Features.Cases.RegisterIncident.Command(Demo.DemoOrganisation.ProvincialDaily.Value,
            "数据泄露", "读者数据库泄露。", app.Clock.GetUtcNow(), new Features.Cases.IncidentFactsInput { DataLeak = new(false, true, false) }));

        Assert.Equal(2, (await app.SendAs("caseofficer", new GetInbox.Query(Kind: TaskKinds.Acceptance))).Total);
        Assert.Equal(0, (await app.SendAs("caseofficer", new GetInbox.Query(Kind: TaskKinds.Hearing))).Total);
        Assert.Equal(portal, Assert.Single((await app.SendAs("caseofficer", new GetInbox.Query(Circumstance: Circumstance.PortalParalysed))).Items).CaseId);
        Assert.Single((await app.SendAs("caseofficer", new GetInbox.Query(Circumstance: Circumstance.DataLeak))).Items);
        Assert.Single((await app.SendAs("caseofficer", new GetInbox.Query(CaseId: portal))).Items);
    }

    [Fact]
    public async Task Claim_TakesTheTaskOutOfTheOthersInboxes_AndReleaseGivesItBack()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");

        await app.SendAs("investigator2", new ClaimTask.Command(task));

        Assert.DoesNotContain((await app.SendAs("investigator", new GetInbox.Query())).Items, i => i.TaskId == task);
        var mine = await app.SendAs("investigator2", new GetInbox.Query(Scope: GetInbox.Show.Mine));
        Assert.Equal("investigator2", Assert.Single(mine.Items, i => i.TaskId == task).Assignee);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("investigator", new ReleaseTask.Command(task)));

        await app.SendAs("investigator2", new ReleaseTask.Command(task));

        Assert.Contains((await app.SendAs("investigator", new GetInbox.Query(Scope: GetInbox.Show.Claimable))).Items, i => i.TaskId == task);
    }

    [Fact]
    public async Task Reassign_ByTheLeadInvestigator_NeedsAReasonAndATargetWithTheRole()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");

        await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("investigator", new ReassignTask.Command(task, "investigator2", "")));
        var wrongRole = await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("investigator", new ReassignTask.Command(task, "caseofficer", "人手调整")));
        Assert.Contains("Investigator", wrongRole.Errors.Single().ErrorMessage);
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("investigator2", new ReassignTask.Command(task, "investigator2", "我来做")));

        await app.SendAs("investigator", new ReassignTask.Command(task, "investigator2", "组员熟悉该系统"));

        Assert.Equal("investigator2", (await app.Read(db => db.HumanTasks.SingleAsync(t => t.Id == task))).AssigneeId);
        var audit = await app.Read(db => db.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal("ReassignTask", audit.Action);
        Assert.Contains("组员熟悉该系统", audit.Data);
    }

    [Fact]
    public async Task ResponsibilityTask_IsAssignedToTheLeadInvestigator()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.TraceBackAsync(id);

        var lead = await app.SendAs("investigator", new GetInbox.Query(Scope: GetInbox.Show.Mine, Kind: TaskKinds.ResponsibilityDetermination));

        Assert.Single(lead.Items);
        Assert.Empty((await app.SendAs("investigator2", new GetInbox.Query(Kind: TaskKinds.ResponsibilityDetermination))).Items);
    }
}
