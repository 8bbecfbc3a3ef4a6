using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;
using Investigation.Workflows.Runtime.Persistence;
using Investigation.Workflows.Tests.Deadlines;

namespace Investigation.Workflows.Tests.Procedure;

/// <summary>
/// The statutory one-month tasks after the decision (Articles 14 and 20) run on the same timer bookmarks as every
/// task: reminded, overdue and escalated at their moments, with the due time at the end of the last day.
/// </summary>
public sealed class StatutoryDeadlineTests : IAsyncLifetime
{
    private DeadlineApp app = null!;

    public async Task InitializeAsync() => app = await DeadlineApp.StartAsync(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<Guid> DeliveredAsync()
    {
        var today = TimeLimits.ChinaDate(app.Clock.GetUtcNow());
        var caseId = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(caseId, CaseStatus.AwaitingDecision, today);
        var held = (await app.SendAs("partycommittee", new GetCase.Query(caseId))).Case.PeopleHeldResponsible.ToList();
        await app.SendAs("partycommittee", new RecordDecision.Command(await app.Script.TaskAsync(caseId, TaskKinds.Decision, "partycommittee"),
            held.Select((p, i) => new MeasureInput(TargetKind.Cadre, p.Value, [i == 0 ? AccountabilityForm.OrganisationalAdjustment : AccountabilityForm.Admonishment], "经研究决定。")).ToList(),
            today, "已宣布。"));
        await app.SendAs("partycommittee", new RecordDelivery.Command(caseId, today, "本人及其所在党组织"));
        return caseId;
    }

    [Fact]
    public async Task OrganisationalAdjustment_IsDueAtTheEndOfTheMonth_RemindedOverdueAndEscalatedOnce()
    {
        var start = app.Clock.GetUtcNow();
        var caseId = await DeliveredAsync();
        var task = await app.Script.TaskAsync(caseId, TaskKinds.OrganisationalAdjustment, "cadremanagement");
        var due = TimeLimits.EndOf(new DateOnly(2026, 4, 2)); // delivered 2 March (Beijing): the last day is 2 April

        Assert.Equal(due, (await app.TaskAsync(task)).DueAt);
        var timers = (await app.DeadlineTimersAsync(task)).Select(b => b.ResumeAt).ToList();
        Assert.Equal(3, timers.Count);
        Assert.Equal(due, timers[1]);
        Assert.True(timers[0] > start && timers[0] < due);

        app.Clock.SetUtcNow(due.AddSeconds(-1));
        await app.ProcessDueAsync();
        Assert.Null((await app.TaskAsync(task)).OverdueAt);
        Assert.Contains(await app.NotificationsAsync(), n => n.TaskId == task && n.Kind == NotificationKind.Reminder);

        app.Clock.SetUtcNow(due);
        await app.ProcessDueAsync();
        Assert.Equal(due, (await app.TaskAsync(task)).OverdueAt);
        Assert.Contains(await app.NotificationsAsync(), n => n.TaskId == task && n.Kind == NotificationKind.Escalation);

        app.Clock.SetUtcNow(timers[2]!.Value);
        await app.ProcessDueAsync();
        Assert.Equal(2, (await app.TaskAsync(task)).EscalationLevel);
    }

    [Fact]
    public async Task Appeal_InTime_HasItsOwnTask_DueAMonthAfterTheAppeal_ALateOneNone()
    {
        var caseId = await DeliveredAsync();
        var held = (await app.SendAs("partycommittee", new GetCase.Query(caseId))).Case.Decision!.Measures.Select(m => m.Subject).ToList();
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 3, 1, 0, 0, TimeSpan.Zero));

        var late = await app.SendAs("partycommittee", new LodgeAppeal.Command(caseId, held[1].Kind, held[1].Id, new DateOnly(2026, 4, 3), "请求撤销。"));
        Assert.Equal(AppealStatus.RefusedAsLate, late.Status);
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.Script.TaskAsync(caseId, TaskKinds.AppealDecision, "partycommittee"));

        var inTime = await app.SendAs("partycommittee", new LodgeAppeal.Command(caseId, held[0].Kind, held[0].Id, new DateOnly(2026, 4, 2), "认定事实有误。"));
        Assert.Equal(AppealStatus.Pending, inTime.Status);
        var task = await app.Script.TaskAsync(caseId, TaskKinds.AppealDecision, "partycommittee");
        Assert.Equal(TimeLimits.EndOf(new DateOnly(2026, 5, 2)), (await app.TaskAsync(task)).DueAt);

        await app.SendAs("partycommittee", new DecideAppeal.Command(task, false, null, null, "维持原决定。", new DateOnly(2026, 4, 3)));
        Assert.Equal(HumanTaskStatus.Completed, (await app.TaskAsync(task)).Status);
        Assert.Empty(await app.DeadlineTimersAsync(task));
    }
}
