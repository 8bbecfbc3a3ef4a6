using Investigation.Web.Tests.Support;
using Investigation.Workflows.Deadlines;
using Investigation.Workflows.Procedure;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Notifications;

/// <summary>The notifications page and the bell in the layout: each user sees their own, with the unread count.</summary>
public sealed class GetNotificationsTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task Reminder_AppearsForTheOfficeOnly_WithTheUnreadCountOnTheBellOfEveryPage()
    {
        var start = app.Clock.GetUtcNow();
        var caseId = (await app.Script.RegisterPortalOutageAsync(start)).CaseId;
        var taskId = await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer");
        var officer = await app.SignInAsync("caseofficer");
        Assert.Null((await WebApp.PageAsync(officer, "/Tasks")).QuerySelector("#notification-bell .badge"));

        // Three quarters of the acceptance's three days: what the scheduler's job does at that moment.
        app.Clock.SetUtcNow(start.AddHours(54));
        await app.Services.GetRequiredService<DueTimers>().ProcessDueAsync();

        officer = await app.SignInAsync("caseofficer"); // the sign-in of two days ago has expired
        var inbox = await WebApp.PageAsync(officer, "/Tasks");
        var bell = inbox.QuerySelector("#notification-bell")!;
        Assert.Equal("/Notifications", bell.GetAttribute("href"));
        Assert.Equal("1", bell.QuerySelector(".badge")?.TextContent.Trim());
        Assert.Equal("通知：1 条未读", bell.GetAttribute("aria-label"));

        var page = await WebApp.PageAsync(officer, "/Notifications");
        Assert.Equal("通知", page.QuerySelector("h1")?.TextContent);
        var item = Assert.Single(page.QuerySelectorAll("article"));
        var link = item.QuerySelector("h2 a")!;
        Assert.StartsWith("任务即将到期：受理", link.TextContent);
        Assert.Equal($"/Tasks/Complete/{taskId}", link.GetAttribute("href"));
        Assert.Contains("北京时间", item.QuerySelector("p")?.TextContent);
        Assert.Equal("1", page.QuerySelector("#unread-count strong")?.TextContent);
        Assert.Single((await WebApp.PageAsync(officer, "/Notifications?unread=true")).QuerySelectorAll("article"));

        // Nobody else is told, and nobody else sees it.
        var investigator = await app.SignInAsync("investigator");
        var theirs = await WebApp.PageAsync(investigator, "/Notifications");
        Assert.Empty(theirs.QuerySelectorAll("article"));
        Assert.Null(theirs.QuerySelector("#notification-bell .badge"));
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        var response = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/Notifications");

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
    }
}
