using FluentValidation;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Messages;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;

namespace Investigation.Workflows.Tests.Deadlines;

/// <summary>A due date moved by an authorised user, with a reason: recorded, audited, and the reminder and escalations follow it.</summary>
public sealed class ChangeDueDateTests : IAsyncLifetime
{
    private DeadlineApp app = null!;

    public async Task InitializeAsync() => app = await DeadlineApp.StartAsync();
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task AdvanceToAsync(DateTimeOffset at)
    {
        app.Clock.SetUtcNow(at);
        await app.ProcessDueAsync();
    }

    [Fact]
    public async Task ChangeDueDate_OfAnOverdueTask_ClearsOverdue_AndRemindsAndEscalatesByTheNewDate()
    {
        var start = app.Clock.GetUtcNow();
        var caseId = (await app.Script.RegisterPortalOutageAsync(start)).CaseId;
        var task = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");
        await app.SendAs("caseofficer", new ClaimTask.Command(task));
        await AdvanceToAsync(start.AddHours(72)); // reminded, overdue, escalated once
        Assert.Equal(1, (await app.TaskAsync(task)).EscalationLevel);

        var newDue = start.AddHours(120);
        await app.SendAs("admin", new ChangeDueDate.Command(task, newDue, "案件材料需补充调取，经批准延期两天。"));

        var changed = await app.TaskAsync(task);
        Assert.Equal((newDue, (DateTimeOffset?)null, 0, (DateTimeOffset?)null),
            (changed.DueAt, changed.OverdueAt, changed.EscalationLevel, changed.RemindedAt));
        var change = Assert.Single(await app.Read(db => db.DueDateChanges.AsNoTracking().Where(c => c.TaskId == task).ToListAsync()));
        Assert.Equal(("admin", start.AddHours(72), newDue, "案件材料需补充调取，经批准延期两天。"), (change.By, change.At, change.To, change.Reason));
        // 75 % of the new allowed time (120 h since creation) is 90 h; the second escalation is 2 days after the new date.
        Assert.Equal([start.AddHours(90), newDue, newDue.AddDays(2)], (await app.DeadlineTimersAsync(task)).Select(b => b.ResumeAt));
        Assert.Single(await app.NotificationsAsync("caseofficer", NotificationKind.DueDateChanged));
        var audit = await app.Read(db => db.AuditEntries.SingleAsync(e => e.Action == nameof(ChangeDueDate)));
        Assert.Equal(("admin", caseId), (audit.Actor, audit.CaseId));
        Assert.Contains("经批准延期两天", audit.Data);

        await AdvanceToAsync(start.AddHours(90).AddSeconds(-1));
        Assert.Single(await app.NotificationsAsync("caseofficer", NotificationKind.Reminder));
        await AdvanceToAsync(start.AddHours(90));
        Assert.Equal(2, (await app.NotificationsAsync("caseofficer", NotificationKind.Reminder)).Count);
        await AdvanceToAsync(newDue.AddSeconds(-1));
        Assert.Null((await app.TaskAsync(task)).OverdueAt);
        await AdvanceToAsync(newDue);
        Assert.Equal(newDue, (await app.TaskAsync(task)).OverdueAt);
        Assert.Equal(2, (await app.NotificationsAsync("admin", NotificationKind.Escalation)).Count);
    }

    [Fact]
    public async Task ChangeDueDate_TwiceInOneMoment_KeepsBothChangesInTheirOrder_EachFromTheDateBefore()
    {
        var start = app.Clock.GetUtcNow();
        var caseId = (await app.Script.RegisterPortalOutageAsync(start)).CaseId;
        var task = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");
        var first = (await app.TaskAsync(task)).DueAt;

        // The clock does not move between the two: the order must come from the record, not from the time.
        await app.SendAs("admin", new ChangeDueDate.Command(task, start.AddDays(5), "第一次延期"));
        await app.SendAs("admin", new ChangeDueDate.Command(task, start.AddDays(4), "  改为提前一天  "));

        var history = await app.Read(async db => await ChangeDueDate.HistoryAsync(db, await db.HumanTasks.SingleAsync(t => t.Id == task), default));
        Assert.Equal(
            [(first, start.AddDays(5), "admin", "第一次延期"), ((DateTimeOffset?)start.AddDays(5), start.AddDays(4), "admin", "改为提前一天")],
            history.Select(c => (c.From, c.To, c.By, c.Reason)));
    }

    [Fact]
    public async Task ChangeDueDate_EarlierThanTheReminder_RemindsAtOnce()
    {
        var start = app.Clock.GetUtcNow();
        var caseId = (await app.Script.RegisterPortalOutageAsync(start)).CaseId;
        var task = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");
        app.Clock.Advance(TimeSpan.FromHours(30));

        await app.SendAs("admin", new ChangeDueDate.Command(task, start.AddHours(36), "决定提前完成受理。"));
        await app.ProcessDueAsync();

        Assert.Single(await app.NotificationsAsync("caseofficer", NotificationKind.Reminder));
        Assert.Equal([start.AddHours(36), start.AddHours(36).AddDays(2)], (await app.DeadlineTimersAsync(task)).Select(b => b.ResumeAt));
    }

    [Fact]
    public async Task ChangeDueDate_ByTheLeadInvestigator_OfAnInvestigationTask_IsAllowed_ByOthersRefused()
    {
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var acceptance = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");
        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("caseofficer", new ChangeDueDate.Command(acceptance, app.Clock.GetUtcNow().AddDays(9), "想要更多时间")));
        await app.Script.AcceptAsync(caseId);
        var level1 = await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator");
        var due = app.Clock.GetUtcNow().AddDays(20);

        await Assert.ThrowsAsync<ForbiddenException>(() => app.SendAs("investigator2", new ChangeDueDate.Command(level1, due, "需要更多时间")));
        await app.SendAs("investigator", new ChangeDueDate.Command(level1, due, "证人出差，询问需延后。"));

        Assert.Equal(due, (await app.TaskAsync(level1)).DueAt);
        // Someone in another prefecture does not even see the task.
        await Assert.ThrowsAsync<NotFoundException>(() => app.SendAs("investigator-anping", new ChangeDueDate.Command(level1, due, "x")));
    }

    [Fact]
    public async Task ChangeDueDate_WithoutAReason_OrToThePast_IsRefusedWithFieldMessages()
    {
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var task = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");

        var error = await Assert.ThrowsAsync<ValidationException>(() => app.SendAs("admin", new ChangeDueDate.Command(task, app.Clock.GetUtcNow().AddDays(-1), " ")));

        Assert.Equal(["DueAt", "Reason"], error.Errors.Select(e => e.PropertyName).Order());
        Assert.Equal(3, (await app.DeadlineTimersAsync(task)).Count);
    }
}
