using System.Net;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Web.Tests.Tasks;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Daily;

/// <summary>The inbox as a daily tool: done tasks (GetCompletedTasks), search and sort (GetInbox), hand-over (ReassignTask), opinions on approval.</summary>
public sealed class InboxDailyWorkTests(WebApp app) : IClassFixture<WebApp>
{
    private static List<string> CaseNumbers(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("main table tbody tr[id^=task-] td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Inbox_SearchesByCaseTitle_AndByUnit_AndSortsByCaseNumberBothWays()
    {
        var now = app.Clock.GetUtcNow();
        var first = await app.Script.RegisterPortalOutageAsync(now, title: "甲门户网站瘫痪");
        var second = await app.Script.RegisterPortalOutageAsync(now, title: "乙门户网站瘫痪");
        var client = await app.SignInAsync("caseofficer");

        var byTitle = await WebApp.PageAsync(client, "/Tasks?q=" + Uri.EscapeDataString("乙门户"));
        Assert.Equal([second.Number], CaseNumbers(byTitle));

        var byUnit = await WebApp.PageAsync(client, "/Tasks?q=" + Uri.EscapeDataString("人民政府办公厅"));
        Assert.Contains(first.Number, CaseNumbers(byUnit));
        Assert.Contains(second.Number, CaseNumbers(byUnit));
        Assert.Empty(CaseNumbers(await WebApp.PageAsync(client, "/Tasks?q=" + Uri.EscapeDataString("没有这样的案件"))));

        var ascending = CaseNumbers(await WebApp.PageAsync(client, "/Tasks?sort=Case&desc=false"));
        var descending = CaseNumbers(await WebApp.PageAsync(client, "/Tasks?sort=Case&desc=true"));
        Assert.Equal(ascending.Order(StringComparer.Ordinal), ascending);
        Assert.Equal(ascending.AsEnumerable().Reverse(), descending);
        var header = (await WebApp.PageAsync(client, "/Tasks?sort=Case&desc=true")).QuerySelector("th[aria-sort]")!;
        Assert.Equal("descending", header.GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task Done_ListsMyCompletedTasks_WithTheirOutcome_AndNoOneElses()
    {
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "已办测试");
        await app.Script.AcceptAsync(registered.CaseId);
        var officer = await app.SignInAsync("caseofficer");

        var done = await WebApp.PageAsync(officer, "/Tasks/Completed?q=" + Uri.EscapeDataString("已办测试"));

        var row = Assert.Single(done.QuerySelectorAll("#completed-tasks tbody tr[data-task]"));
        Assert.Contains("受理", row.TextContent);
        Assert.Contains(registered.Number, row.TextContent);
        var investigator = await app.SignInAsync("investigator");
        Assert.Empty((await WebApp.PageAsync(investigator, "/Tasks/Completed?q=" + Uri.EscapeDataString("已办测试"))).QuerySelectorAll("#completed-tasks tbody tr[data-task]"));
    }

    [Fact]
    public async Task TaskPage_TheAssigneeHandsTheTaskToAnotherInvestigator_WhoThenHoldsIt()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        await app.Script.SendAs("investigator", new ClaimTask.Command(task));
        var client = await app.SignInAsync("investigator");
        var form = await WebApp.FormAsync(client, TaskForms.Url(task), "#reassign form");
        var options = form.QuerySelectorAll("select[name='ReassignTask.ToUser'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains("investigator2", options);
        Assert.DoesNotContain("investigator", options); // not to the one who holds it
        Assert.DoesNotContain("investigator-anping", options); // not to another prefecture

        // Without a reason: refused beside the field, nothing changes.
        var refused = await TaskForms.PostAsync(client, form, new() { ["ReassignTask.ToUser"] = "investigator2", ["ReassignTask.Reason"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("理由", (await WebApp.ParseAsync(refused)).QuerySelector("[data-valmsg-for='ReassignTask.Reason']")!.TextContent);

        var handed = await TaskForms.PostAsync(client, form, new() { ["ReassignTask.ToUser"] = "investigator2", ["ReassignTask.Reason"] = "本人出差。" });

        Assert.Equal(HttpStatusCode.Redirect, handed.StatusCode);
        var inbox = await WebApp.PageAsync(await app.SignInAsync("investigator2"), "/Tasks?scope=Mine");
        Assert.NotNull(inbox.QuerySelector($"#task-{task}"));
    }

    [Fact]
    public async Task Approval_KeepsTheApproversOpinion()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.AwaitingApproval, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        var task = await app.Script.TaskAsync(id, TaskKinds.ReviewApproval, "disciplineapprover");
        var client = await app.SignInAsync("disciplineapprover");
        var form = await TaskForms.FormAsync(client, task, "ApproveReview");

        var done = await TaskForms.PostAsync(client, form, new() { ["ApproveReview.Approve"] = "true", ["ApproveReview.Reason"] = "同意审核意见，建议从严。" });

        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var c = (await app.Script.SendAs("disciplineapprover", new GetCase.Query(id))).Case;
        Assert.Equal("同意审核意见，建议从严。", c.Reviews.Last().Reason);
    }
}
