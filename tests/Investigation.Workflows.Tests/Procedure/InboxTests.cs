using FluentValidation;
using Investigation.Domain.Incidents;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Procedure;

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

    // Each rule of the inbox on its own, so that a failure names the rule that broke. All run on the same five cases.
    [Fact]
    public async Task Inbox_OrdersOverdueThenByDueDate_NoneLast_PriorityBreaksTies() => await Order(await FiveCasesAsync());

    [Fact]
    public async Task Inbox_CountsEveryTaskOnAnyPage_EvenOnePastTheEnd() => await CountsAndPages(await FiveCasesAsync());

    [Fact]
    public async Task Inbox_FiltersByDueDateCircumstanceCaseAndKind() => await Filters(await FiveCasesAsync());

    [Fact]
    public async Task Inbox_PutsTasksEscalatedToMeFirst_OnlyWhileOverdue() => await Escalations(await FiveCasesAsync());

    [Fact]
    public async Task Inbox_Scopes_MineClaimableAndAnotherUnitsOfficer() => await Scopes(await FiveCasesAsync());

    private Task<FiveCases> FiveCasesAsync() =>
        FiveCases.ArrangeAsync(app.Script, app.Clock, write => app.Read(async db => { await write(db); return 0; }));

    /// <summary>
    /// Every rule of the inbox, one after another on one set of five cases: run on PostgreSQL (PostgresInboxTests),
    /// because the query is hand-written SQL with a part that differs by provider.
    /// </summary>
    internal static async Task InboxBehavesAsync(CaseScript script, TimeProvider clock, Func<Func<InvestigationDbContext, Task>, Task> write)
    {
        var cases = await FiveCases.ArrangeAsync(script, clock, write);
        await Order(cases);
        await CountsAndPages(cases);
        await Filters(cases);
        await Escalations(cases);
        await Scopes(cases);
    }

    /// <summary>
    /// Five acceptance tasks for the province's case officers whose due dates and priorities are set by hand:
    /// 甲 overdue, 乙 due within the day, 丙 and 丁 due in three days (丁 of higher priority), 戊 with no due date
    /// and the only data leak.
    /// </summary>
    private sealed record FiveCases(CaseScript Script, Func<Func<InvestigationDbContext, Task>, Task> Write, DateTimeOffset Now,
        IReadOnlyDictionary<string, Guid> Cases, Guid Overdue, Guid Soon, Guid Later)
    {
        public static async Task<FiveCases> ArrangeAsync(CaseScript script, TimeProvider clock, Func<Func<InvestigationDbContext, Task>, Task> write)
        {
            var now = clock.GetUtcNow();
            var cases = new Dictionary<string, Guid>();
            foreach (var title in new[] { "甲", "乙", "丙", "丁" }) cases[title] = (await script.RegisterPortalOutageAsync(now, title: title)).CaseId;
            cases["戊"] = (await script.SendAs("caseofficer", new RegisterIncident.Command(DemoOrganisation.ProvincialDaily.Value,
                "戊", "读者数据库泄露。", now, new IncidentFactsInput { DataLeak = new(false, true, false) }))).CaseId;
            async Task<Guid> SetAsync(string title, DateTimeOffset? due, int priority = 0)
            {
                var key = cases[title].ToString();
                var id = Guid.Empty;
                await write(async db =>
                {
                    await db.HumanTasks.Where(t => t.CorrelationId == key).ExecuteUpdateAsync(s => s.SetProperty(t => t.DueAt, due).SetProperty(t => t.Priority, priority));
                    id = await db.HumanTasks.Where(t => t.CorrelationId == key).Select(t => t.Id).SingleAsync();
                });
                return id;
            }
            var overdue = await SetAsync("甲", now.AddHours(-1));
            var soon = await SetAsync("乙", now.AddHours(2));
            var later = await SetAsync("丙", now.AddDays(3));
            await SetAsync("丁", now.AddDays(3), priority: 2);
            await SetAsync("戊", null);
            return new(script, write, now, cases, overdue, soon, later);
        }

        public async Task<GetInbox.Result> InboxAsync(GetInbox.Query query, string user = "caseofficer") => await Script.SendAs(user, query);
    }

    private static IEnumerable<string> Titles(GetInbox.Result r) => r.Items.Select(i => i.CaseTitle);

    private static async Task Order(FiveCases f)
    {
        var all = await f.InboxAsync(new());

        Assert.Equal(["甲", "乙", "丁", "丙", "戊"], Titles(all));
        Assert.Equal([true, false, false, false, false], all.Items.Select(i => i.Overdue));
        Assert.Equal([false, true, false, false, false], all.Items.Select(i => i.DueSoon));
        Assert.Equal(f.Cases["甲"], all.Items[0].CaseId);
        Assert.All(all.Items, i => Assert.NotEmpty(i.CaseNumber));
        Assert.All(all.Items, i => Assert.False(i.Escalated));
        Assert.Null(all.Items[4].DueAt);
    }

    private static async Task CountsAndPages(FiveCases f)
    {
        var all = await f.InboxAsync(new());
        Assert.Equal((5, 1, 1), (all.Total, all.Overdue, all.DueSoon));

        var second = await f.InboxAsync(new(Page: 2, PageSize: 2));
        Assert.Equal(["丁", "丙"], Titles(second));
        Assert.Equal((5, 1, 1), (second.Total, second.Overdue, second.DueSoon));

        var pastTheEnd = await f.InboxAsync(new(Page: 4, PageSize: 2));
        Assert.Empty(pastTheEnd.Items);
        Assert.Equal((5, 1, 1, 4, 2), (pastTheEnd.Total, pastTheEnd.Overdue, pastTheEnd.DueSoon, pastTheEnd.Page, pastTheEnd.PageSize));
    }

    private static async Task Filters(FiveCases f)
    {
        Assert.Equal(["甲", "乙"], Titles(await f.InboxAsync(new(DueBefore: f.Now.AddHours(2))))); // the bound is included
        Assert.Equal(["戊"], Titles(await f.InboxAsync(new(Circumstance: Circumstance.DataLeak))));
        Assert.Equal(["甲", "乙", "丁", "丙"], Titles(await f.InboxAsync(new(Circumstance: Circumstance.PortalParalysed))));
        Assert.Equal(["丙"], Titles(await f.InboxAsync(new(CaseId: f.Cases["丙"]))));
        var none = await f.InboxAsync(new(Kind: TaskKinds.Hearing));
        Assert.Equal((0, 0, 0), (none.Total, none.Overdue, none.DueSoon));
        Assert.Equal(5, (await f.InboxAsync(new(Kind: TaskKinds.Acceptance))).Total);
    }

    /// <summary>Only the two escalation kinds, only to me, only while the task is marked overdue.</summary>
    private static async Task Escalations(FiveCases f)
    {
        Notification Note(NotificationKind kind, string to, Guid task) =>
            new() { Id = Guid.NewGuid(), Kind = kind, Recipient = to, TaskId = task, CreatedAt = f.Now };
        await f.Write(async db =>
        {
            await db.HumanTasks.Where(t => t.Id == f.Overdue || t.Id == f.Soon).ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueAt, f.Now));
            db.Notifications.AddRange(Note(NotificationKind.Escalation, "investigator", f.Overdue), Note(NotificationKind.Reminder, "investigator", f.Soon),
                Note(NotificationKind.SecondEscalation, "caseofficer", f.Later), Note(NotificationKind.Escalation, "investigator", f.Later));
            await db.SaveChangesAsync();
        });

        var investigator = await f.InboxAsync(new(), "investigator");
        Assert.Equal([(f.Overdue, true)], investigator.Items.Select(i => (i.TaskId, i.Escalated)));
        Assert.Equal(1, investigator.Overdue);
        Assert.Empty((await f.InboxAsync(new(Scope: GetInbox.Show.Mine), "investigator")).Items);
        Assert.Equal(["甲", "乙", "丁", "丙", "戊"], Titles(await f.InboxAsync(new()))); // 丙 is not marked overdue: not escalated

        await f.Write(db => db.HumanTasks.Where(t => t.Id == f.Later).ExecuteUpdateAsync(s => s.SetProperty(t => t.OverdueAt, f.Now)));
        var all = await f.InboxAsync(new());
        Assert.Equal(["丙", "甲", "乙", "丁", "戊"], Titles(all));
        Assert.Equal([true, false, false, false, false], all.Items.Select(i => i.Escalated));
    }

    /// <summary>Claimed by me, a task is mine and no longer claimable; another unit's officer sees none of them.</summary>
    private static async Task Scopes(FiveCases f)
    {
        await f.Script.SendAs("caseofficer", new ClaimTask.Command(f.Soon));

        var mine = await f.InboxAsync(new(Scope: GetInbox.Show.Mine));
        Assert.Equal([(f.Soon, "caseofficer")], mine.Items.Select(i => (i.TaskId, i.Assignee)));
        Assert.Equal(["甲", "丁", "丙", "戊"], Titles(await f.InboxAsync(new(Scope: GetInbox.Show.Claimable))));
        Assert.Equal(5, (await f.InboxAsync(new())).Total);
        Assert.Empty((await f.InboxAsync(new(), "caseofficer-anping")).Items);
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
