using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Audit;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>
/// Reminders, overdue marks and escalations happen at their moments, once, by the application's clock:
/// the test moves the clock and runs what the scheduler's job runs.
/// </summary>
public sealed class DeadlineEnforcementTests : IAsyncLifetime
{
    private DeadlineApp app = null!;

    public async Task InitializeAsync() => app = await DeadlineApp.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(Guid CaseId, Guid TaskId)> RegisterAsync()
    {
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        return (caseId, await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer"));
    }

    private async Task AdvanceToAsync(DateTimeOffset at)
    {
        app.Clock.SetUtcNow(at);
        await app.ProcessDueAsync();
    }

    private async Task<List<(NotificationKind Kind, string Recipient)>> SentAsync(Guid taskId) =>
        (await app.NotificationsAsync()).Where(n => n.TaskId == taskId && n.Kind != NotificationKind.TaskWaiting).Select(n => (n.Kind, n.Recipient)).ToList();

    /// <summary>Exactly these notifications about the task, in any order, each once.</summary>
    private async Task AssertSentAsync(Guid taskId, params (NotificationKind Kind, string Recipient)[] expected) =>
        Assert.Equal(expected.Order(), (await SentAsync(taskId)).Order());

    [Fact]
    public async Task WarmUp_RunsTheFiringPath_AndWritesNothing()
    {
        var start = app.Clock.GetUtcNow();
        var caseId = (await app.Script.RegisterPortalOutageAsync(start)).CaseId;
        var task = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");
        var before = await app.Read(async db => (await db.AuditEntries.CountAsync(), await db.Notifications.CountAsync(), await db.Bookmarks.CountAsync()));

        await app.Services.GetRequiredService<DueTimers>().WarmUpAsync();

        Assert.Equal(before, await app.Read(async db => (await db.AuditEntries.CountAsync(), await db.Notifications.CountAsync(), await db.Bookmarks.CountAsync())));
        // The timers that were there still fire, once, at their moment.
        app.Clock.SetUtcNow(start.AddHours(72));
        await app.ProcessDueAsync();
        Assert.Equal(1, (await app.TaskAsync(task)).EscalationLevel);
    }

    [Fact]
    public async Task CalendarDays_RemindAtThreeQuarters_OverdueAndEscalateAtDue_EscalateAgainAfterGrace_EachOnce()
    {
        var start = app.Clock.GetUtcNow();
        var (_, task) = await RegisterAsync();

        // Acceptance: 3 days. Reminder at 75 % (54 h), due at 72 h, second escalation 2 days later.
        Assert.Equal([start.AddHours(54), start.AddHours(72), start.AddHours(120)], (await app.DeadlineTimersAsync(task)).Select(b => b.ResumeAt));
        Assert.Equal(start.AddDays(3), (await app.TaskAsync(task)).DueAt);

        await AdvanceToAsync(start.AddHours(54).AddSeconds(-1));
        Assert.Empty(await SentAsync(task));

        await AdvanceToAsync(start.AddHours(54));
        // Unclaimed: the case officers of the nearest unit with any (the province's), not Linchuan's.
        Assert.Equal([(NotificationKind.Reminder, "caseofficer")], await SentAsync(task));
        Assert.Equal(start.AddHours(54), (await app.TaskAsync(task)).RemindedAt);

        // Firing again at the same moment, or later, adds nothing.
        Assert.Equal(0, (await app.ProcessDueAsync()).Fired);
        await AdvanceToAsync(start.AddHours(71));
        Assert.Single(await SentAsync(task));

        await AdvanceToAsync(start.AddHours(72));
        var overdue = await app.TaskAsync(task);
        Assert.Equal((start.AddHours(72), 1, HumanTaskStatus.Open), (overdue.OverdueAt, overdue.EscalationLevel, overdue.Status));
        // The office's tasks are supervised by the administrator.
        await AssertSentAsync(task, (NotificationKind.Reminder, "caseofficer"), (NotificationKind.Escalation, "admin"), (NotificationKind.Overdue, "caseofficer"));

        await AdvanceToAsync(start.AddHours(120));
        Assert.Equal(2, (await app.TaskAsync(task)).EscalationLevel);
        // Nobody above the province: the administrator gets the second escalation too.
        Assert.Single(await SentAsync(task), n => n == (NotificationKind.SecondEscalation, "admin"));
        Assert.Equal(4, (await SentAsync(task)).Count);

        Assert.Empty(await app.DeadlineTimersAsync(task));
        Assert.Equal(3, await app.Read(db => db.AuditEntries.CountAsync(e => e.Action == FireDueTimer.TimerFired && e.Actor == Actor.System.UserName)));
        Assert.True((await app.SendAs("auditor", new VerifyAuditChain.Query())).Intact);
    }

    [Fact]
    public async Task WorkingDays_SkipNationalDay_CountTheAdjustedSaturday_AndTheWeekendBeforeTheSecondEscalation()
    {
        app.Deadlines.Counting = DayCounting.WorkingDays;
        // Wednesday 30 September 2026, 10:00 in Beijing; 1–7 October are off, Saturday 10 October is worked (调休).
        var start = new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));
        app.Clock.SetUtcNow(start);
        var (_, task) = await RegisterAsync();

        var cst = TimeSpan.FromHours(8);
        var reminder = new DateTimeOffset(2026, 10, 9, 16, 0, 0, cst); // 2.25 working days: 14 h + 24 h (8 Oct) + 16 h (9 Oct)
        var due = new DateTimeOffset(2026, 10, 10, 10, 0, 0, cst);     // 3 working days, ending on the adjusted Saturday
        var second = new DateTimeOffset(2026, 10, 13, 10, 0, 0, cst);  // 2 more: 14 h (10 Oct), Sunday off, 24 h (12 Oct), 10 h (13 Oct)
        Assert.Equal([reminder, due, second], (await app.DeadlineTimersAsync(task)).Select(b => b.ResumeAt));
        Assert.Equal(due, (await app.TaskAsync(task)).DueAt);

        await AdvanceToAsync(new DateTimeOffset(2026, 10, 3, 10, 0, 0, cst)); // calendar days would be due now
        Assert.Empty(await SentAsync(task));

        await AdvanceToAsync(reminder.AddSeconds(-1));
        Assert.Empty(await SentAsync(task));
        await AdvanceToAsync(reminder);
        Assert.Equal([(NotificationKind.Reminder, "caseofficer")], await SentAsync(task));

        await AdvanceToAsync(due.AddSeconds(-1));
        Assert.Null((await app.TaskAsync(task)).OverdueAt);
        await AdvanceToAsync(due);
        Assert.Equal(due, (await app.TaskAsync(task)).OverdueAt);
        Assert.Contains((NotificationKind.Escalation, "admin"), await SentAsync(task));

        await AdvanceToAsync(second.AddSeconds(-1));
        Assert.Equal(1, (await app.TaskAsync(task)).EscalationLevel);
        await AdvanceToAsync(second);
        Assert.Equal(2, (await app.TaskAsync(task)).EscalationLevel);
        Assert.Equal(4, (await SentAsync(task)).Count);
    }

    [Fact]
    public async Task InvestigationTask_Overdue_IsEscalatedToTheLeadInvestigator_ThenToTheAdministrator()
    {
        var (caseId, _) = await RegisterAsync();
        await app.Script.AcceptAsync(caseId); // lead: investigator; member: investigator2
        var start = app.Clock.GetUtcNow();
        var level1 = await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator2");
        await app.SendAs("investigator2", new Features.Tasks.ClaimTask.Command(level1));

        await AdvanceToAsync(start.AddDays(15 * 0.75));
        Assert.Equal([(NotificationKind.Reminder, "investigator2")], await SentAsync(level1));

        await AdvanceToAsync(start.AddDays(15));
        await AssertSentAsync(level1, (NotificationKind.Escalation, "investigator"), (NotificationKind.Overdue, "investigator2"), (NotificationKind.Reminder, "investigator2"));

        await AdvanceToAsync(start.AddDays(17));
        Assert.Contains((NotificationKind.SecondEscalation, "admin"), await SentAsync(level1));
        var link = (await app.NotificationsAsync("investigator", NotificationKind.Escalation)).Single(n => n.TaskId == level1).Link;
        Assert.Equal($"/Cases/Details/{caseId}", link);
    }

    [Fact]
    public async Task EscalatedTasks_ComeFirstInTheSupervisorsInbox_EvenWhenNotTheirsToDo_UntilTheDueDateMoves()
    {
        // The coordination assessment is supervised by the administrator here, so the lead's inbox holds an overdue task not escalated to them.
        app.Deadlines.Supervisors[TaskKinds.CoordinationAssessment] = Roles.Administrator;
        var start = app.Clock.GetUtcNow();
        var x = (await RegisterAsync()).CaseId;
        await app.Script.AcceptAsync(x);
        var xLevel1 = await app.Script.TaskAsync(x, TaskKinds.PartyConcernedFindings, "investigator");
        var xCoordination = await app.Script.TaskAsync(x, TaskKinds.CoordinationAssessment, "investigator");
        await app.SendAs("investigator2", new Features.Tasks.ClaimTask.Command(xLevel1));
        app.Clock.Advance(TimeSpan.FromDays(1));
        var y = (await RegisterAsync()).CaseId;
        await app.Script.AcceptAsync(y);
        var yLevel1 = await app.Script.TaskAsync(y, TaskKinds.PartyConcernedFindings, "investigator");
        await app.SendAs("investigator2", new Features.Tasks.ClaimTask.Command(yLevel1));

        await AdvanceToAsync(start.AddDays(16).AddHours(1)); // both cases' tasks are overdue

        var inbox = await app.SendAs("investigator", new Features.Tasks.GetInbox.Query());
        Assert.Equal([(xLevel1, true), (yLevel1, true), (xCoordination, false)], inbox.Items.Take(3).Select(i => (i.TaskId, i.Escalated)));
        Assert.DoesNotContain((await app.SendAs("investigator", new Features.Tasks.GetInbox.Query(Scope: Features.Tasks.GetInbox.Show.Mine))).Items, i => i.Escalated);

        await app.SendAs("investigator", new Features.Tasks.ChangeDueDate.Command(xLevel1, app.Clock.GetUtcNow().AddDays(5), "证人出差，延期询问。"));

        inbox = await app.SendAs("investigator", new Features.Tasks.GetInbox.Query());
        Assert.DoesNotContain(inbox.Items, i => i.TaskId == xLevel1);
        Assert.Equal(yLevel1, inbox.Items[0].TaskId);
    }

    [Fact]
    public async Task SecondEscalation_GoesToTheSupervisingRoleOneUnitUp()
    {
        // A prefecture's case; its acceptance is supervised, in this configuration, by the Party committee.
        app.Deadlines.Supervisors[TaskKinds.Acceptance] = Roles.PartyCommittee;
        var start = app.Clock.GetUtcNow();
        var caseId = (await app.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.LinchuanEducation.Value,
            "教育局学籍系统数据泄露", "约12万条学生个人信息泄露。", start.AddDays(-1),
            new IncidentFactsInput { DataLeak = new(false, true, false, 120_000) }))).CaseId;
        var task = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer-linchuan");

        await AdvanceToAsync(start.AddDays(5));

        await AssertSentAsync(task, (NotificationKind.Escalation, "partycommittee-linchuan"),
            (NotificationKind.Overdue, "caseofficer-linchuan"),
            (NotificationKind.Reminder, "caseofficer-linchuan"),
            (NotificationKind.SecondEscalation, "partycommittee"));
    }

    [Fact]
    public async Task CompletedTask_TakesItsTimersWithIt()
    {
        var start = app.Clock.GetUtcNow();
        var (caseId, task) = await RegisterAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));

        await app.Script.AcceptAsync(caseId);

        Assert.Empty(await app.DeadlineTimersAsync(task));
        await AdvanceToAsync(start.AddDays(6));
        Assert.Empty(await SentAsync(task));
    }

    [Fact]
    public async Task Restart_BetweenCreationAndDueTime_StillRemindsAndEscalates()
    {
        var start = app.Clock.GetUtcNow();
        var (_, task) = await RegisterAsync();

        await app.RestartAsync();
        await AdvanceToAsync(start.AddDays(3));

        await AssertSentAsync(task, (NotificationKind.Escalation, "admin"), (NotificationKind.Overdue, "caseofficer"), (NotificationKind.Reminder, "caseofficer"));
    }

    [Fact]
    public async Task DoubleFiring_TwoNodesRacingOnTheSameDueTimers_AppliesEachEffectOnce()
    {
        var start = app.Clock.GetUtcNow();
        var tasks = new List<Guid>();
        for (var i = 0; i < 5; i++) tasks.Add((await RegisterAsync()).TaskId);
        app.Clock.SetUtcNow(start.AddDays(3)); // reminders and due times of all five

        await using var second = app.NewNode();
        var runs = await Task.WhenAll(
            Task.Run(() => app.ProcessDueAsync()),
            Task.Run(() => second.GetRequiredService<DueTimers>().ProcessDueAsync()),
            Task.Run(() => app.ProcessDueAsync()));

        Assert.Equal(10, runs.Sum(r => r.Fired));
        foreach (var task in tasks)
        {
            Assert.Equal(3, (await SentAsync(task)).Count); // reminder, overdue, escalation
            Assert.Equal(2, await app.Read(db => db.Journal.CountAsync(j => j.Event == JournalEvent.Resumed && j.Actor == Actor.System.UserName
                && db.HumanTasks.Any(t => t.Id == task && t.InstanceId == j.InstanceId))));
        }
        Assert.Equal(10, await app.Read(db => db.AuditEntries.CountAsync(e => e.Action == FireDueTimer.TimerFired)));
    }

    [Fact]
    public async Task DoubleFiring_TheSameTimerSentTwiceAtOnce_OneTakesEffect_TheOtherIsTurnedAwayWritingNothing()
    {
        var (_, task) = await RegisterAsync();
        app.Clock.Advance(TimeSpan.FromHours(54));
        var key = DeadlineBookmarks.Key(task, DeadlineEffect.Reminder);

        var attempts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System;
            await scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new FireDueTimer.Command(DeadlineBookmarks.Name, key));
        })).ToArray();
        try { await Task.WhenAll(attempts); } catch { /* inspected below */ }

        Assert.Equal(1, attempts.Count(a => a.IsCompletedSuccessfully));
        Assert.All(attempts.Where(a => a.IsFaulted), a => Assert.IsType<Messages.ConflictException>(a.Exception!.InnerException));
        Assert.Equal([(NotificationKind.Reminder, "caseofficer")], await SentAsync(task));
        Assert.Equal(1, await app.Read(db => db.AuditEntries.CountAsync(e => e.Action == FireDueTimer.TimerFired)));
    }

    [Fact]
    public async Task FireDueTimer_IsForTheSystemOnly_AndNeverBeforeTheTimersMoment()
    {
        var (_, task) = await RegisterAsync();
        var key = DeadlineBookmarks.Key(task, DeadlineEffect.Reminder);

        await Assert.ThrowsAsync<Messages.ForbiddenException>(() => app.SendAs("admin", new FireDueTimer.Command(DeadlineBookmarks.Name, key)));
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = Actor.System;
        var early = await Assert.ThrowsAsync<Messages.ConflictException>(() =>
            scope.ServiceProvider.GetRequiredService<MediatR.IMediator>().Send(new FireDueTimer.Command(DeadlineBookmarks.Name, key)));
        Assert.Contains("not due yet", early.Message);
        Assert.Empty(await SentAsync(task));
    }

    [Fact]
    public async Task Commit_ThatMakesTimers_SignalsTheEarliestAfterwards_ARolledBackOneDoesNot()
    {
        var signalled = new List<DateTimeOffset>();
        app.Services.GetRequiredService<DueTimerSignal>().Committed += signalled.Add;
        var start = app.Clock.GetUtcNow();

        await RegisterAsync();
        Assert.Equal([start.AddHours(54)], signalled);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<global::Investigation.Workflows.Data.InvestigationDbContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            db.Bookmarks.Add(new Bookmark { Id = Guid.NewGuid(), InstanceId = (await db.WorkflowInstances.FirstAsync()).Id, ActivityId = "x", Name = "Timer", Key = "rolled-back", ResumeAt = start, CreatedAt = start });
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }
        Assert.Single(signalled);
    }
}
