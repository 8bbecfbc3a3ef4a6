using System.Net;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Tasks;

/// <summary>Moving a task's due date on its page (ChangeDueDate): who is offered the form, what it records, and how it refuses.</summary>
public sealed class ChangeDueDateTests(WebApp app) : IClassFixture<WebApp>
{
    // The test clock stands at 2026-03-02 09:00 China Standard Time; the new date is entered as China time.
    private const string NewDueInChina = "2026-03-20T17:30";
    private static readonly DateTimeOffset NewDue = new(2026, 3, 20, 17, 30, 0, TimeSpan.FromHours(8));

    private async Task<Guid> AcceptanceTaskAsync(string title)
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title)).CaseId;
        return await app.Script.TaskAsync(id, TaskKinds.Acceptance, "caseofficer");
    }

    private async Task<GetTask.Result> TaskAsync(Guid task) => await app.Script.SendAs("admin", new GetTask.Query(task));

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content")!;

    private static FormUrlEncodedContent DuePost(string token, string reason) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["ChangeDueDate.DueAt"] = NewDueInChina,
        ["ChangeDueDate.Reason"] = reason,
    });

    [Fact]
    public async Task ChangeDueDate_ByTheAdministrator_ShowsTheNewDateAndTheChange_AndIsAudited()
    {
        var task = await AcceptanceTaskAsync("延期受理");
        var before = (await TaskAsync(task)).Task.DueAt;
        var client = await app.SignInAsync("admin");
        var form = await TaskForms.FormAsync(client, task, "ChangeDueDate");

        var response = await TaskForms.PostAsync(client, form, new() { ["ChangeDueDate.DueAt"] = NewDueInChina, ["ChangeDueDate.Reason"] = "材料需补充调取，经批准延期。" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await WebApp.PageAsync(client, response.Headers.Location!.OriginalString);
        Assert.Contains("截止时间已改为", page.QuerySelector("[role=status]")!.TextContent);
        var shown = (await TaskAsync(task)).Task.DueAt!.Value;
        Assert.Equal(NewDue, shown);
        var change = page.QuerySelectorAll("#due-changes tbody tr").Single().QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("admin", change[2]);
        Assert.Equal("材料需补充调取，经批准延期。", change[4]);
        Assert.Contains("2026/3/20 17:30", change[1]);
        Assert.Contains("2026/3/20 17:30", page.QuerySelector(".case-facts")!.TextContent);
        var history = (await TaskAsync(task)).DueChanges.Single();
        Assert.Equal((before, NewDue, "admin"), (history.From, history.To, history.By));

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        var audit = await db.AuditEntries.Where(e => e.Action == nameof(ChangeDueDate)).ToListAsync();
        Assert.Contains(audit, e => e.Actor == "admin" && e.Data.Contains(task.ToString()) && e.Data.Contains("经批准延期"));
    }

    [Fact]
    public async Task ChangeDueDate_WithoutAReason_ShowsTheMessageNextToTheField_AndChangesNothing()
    {
        var task = await AcceptanceTaskAsync("延期无理由");
        var before = (await TaskAsync(task)).Task.DueAt;
        var client = await app.SignInAsync("admin");
        var form = await TaskForms.FormAsync(client, task, "ChangeDueDate");

        var response = await TaskForms.PostAsync(client, form, new() { ["ChangeDueDate.DueAt"] = NewDueInChina, ["ChangeDueDate.Reason"] = " " });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await WebApp.ParseAsync(response);
        Assert.Contains("请说明修改截止时间的理由", page.QuerySelector("[data-valmsg-for='ChangeDueDate.Reason']")!.TextContent);
        // What the person entered is kept for them to correct.
        Assert.Equal(NewDueInChina, page.QuerySelector("input[name='ChangeDueDate.DueAt']")!.GetAttribute("value"));
        var after = await TaskAsync(task);
        Assert.Equal(before, after.Task.DueAt);
        Assert.Empty(after.DueChanges);
    }

    [Fact]
    public async Task ChangeDueDate_IsNotOffered_ToACaseOfficer_AndTheirPostIsForbidden()
    {
        var task = await AcceptanceTaskAsync("专员不得延期");
        var before = (await TaskAsync(task)).Task.DueAt;
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, TaskForms.Url(task));
        var post = await client.PostAsync($"{TaskForms.Url(task)}?handler=ChangeDueDate", DuePost(Token(page), "想要更多时间"));

        Assert.NotNull(page.QuerySelector("main form[action*='handler=CompleteAcceptance']"));
        Assert.Null(page.QuerySelector("main form[action*='handler=ChangeDueDate']"));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("只有系统管理员", (await WebApp.ParseAsync(post)).QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(before, (await TaskAsync(task)).Task.DueAt);
    }

    [Fact]
    public async Task ChangeDueDate_IsOffered_ToTheLeadInvestigator_OfAnInvestigationTask_NotToAnotherMember()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "组长延期")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Investigating, new DateOnly(2026, 3, 2));
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");

        var member = await WebApp.PageAsync(await app.SignInAsync("investigator2"), TaskForms.Url(task));
        var lead = await app.SignInAsync("investigator");
        var response = await TaskForms.PostAsync(lead, await TaskForms.FormAsync(lead, task, "ChangeDueDate"),
            new() { ["ChangeDueDate.DueAt"] = NewDueInChina, ["ChangeDueDate.Reason"] = "证人出差，询问需延后。" });

        Assert.Null(member.QuerySelector("main form[action*='handler=ChangeDueDate']"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(NewDue, (await TaskAsync(task)).Task.DueAt);
    }

    [Fact]
    public async Task ChangeDueDate_ByAUserOfAnotherUnit_IsNotFound()
    {
        var task = await AcceptanceTaskAsync("他市不得延期");
        var before = (await TaskAsync(task)).Task.DueAt;
        var client = await app.SignInAsync("caseofficer-anping");
        var token = Token(await WebApp.PageAsync(client, "/Tasks"));

        var post = await client.PostAsync($"{TaskForms.Url(task)}?handler=ChangeDueDate", DuePost(token, "想要更多时间"));

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(before, (await TaskAsync(task)).Task.DueAt);
    }
}
