using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Daily;

/// <summary>"A task waits for you": new tasks are told to those who may take them, in one language at a time.</summary>
public sealed class NewTaskNotificationTests(WebApp app) : IClassFixture<WebApp>
{
    private async Task<List<Notification>> WaitingAsync(Guid caseId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvestigationDbContext>().Notifications.AsNoTracking()
            .Where(n => n.CaseId == caseId && n.Kind == NotificationKind.TaskWaiting).ToListAsync();
    }

    [Fact]
    public async Task AcceptingACase_TellsTheTeamOfTheirTraceBackTasks_NotOtherInvestigators()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());
        // The officer who registered it is the one who accepts it: not told of their own acceptance task.
        Assert.DoesNotContain(await WaitingAsync(registered.CaseId), n => n.Recipient == "caseofficer");

        await app.Script.AcceptAsync(registered.CaseId); // team: investigator (lead) and investigator2

        var waiting = await WaitingAsync(registered.CaseId);
        Assert.Contains(waiting, n => n.Recipient == "investigator2" && n.TitleZh == $"新任务：倒查：当事人（{registered.Number}）");
        Assert.Contains(waiting, n => n.Recipient == "investigator" && n.TitleEn == $"New task: Trace-back: party concerned ({registered.Number})");
        Assert.DoesNotContain(waiting, n => n.Recipient is "investigator-linchuan" or "investigator-anping");
        Assert.All(waiting, n => Assert.StartsWith("/Tasks/Complete/", n.Link));
        Assert.All(waiting, n => Assert.DoesNotContain("Trace-back", n.TitleZh));

        var client = await app.SignInAsync("investigator2");
        var page = await WebApp.PageAsync(client, "/Notifications");
        Assert.Contains(page.QuerySelectorAll("article h2 a"), a => a.TextContent.StartsWith("新任务：倒查：当事人"));
    }
}
