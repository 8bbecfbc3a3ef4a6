using System.Net;
using System.Net.Http.Json;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Data;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Api;

/// <summary>PUT /api/v1/tasks/{id}/due (ChangeDueDate): the new date recorded and audited, and the refusals as ProblemDetails.</summary>
public sealed class ChangeDueDateEndpointTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateTimeOffset NewDue = new(2026, 3, 20, 17, 30, 0, TimeSpan.FromHours(8));

    private async Task<Guid> AcceptanceTaskAsync(string title)
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title)).CaseId;
        return await app.Script.TaskAsync(id, TaskKinds.Acceptance, "caseofficer");
    }

    private async Task<GetTask.Result> TaskAsync(Guid task) => await app.Script.SendAs("admin", new GetTask.Query(task));

    private static string Url(Guid task) => $"/api/v1/tasks/{task}/due";

    [Fact]
    public async Task ChangeDueDate_ByTheAdministrator_Is204_RecordsTheChange_AndIsAudited()
    {
        var task = await AcceptanceTaskAsync("接口延期");
        var admin = await app.BearerAsync("admin");

        await admin.PutAsJsonAsync(Url(task), new { dueAt = NewDue, reason = "经批准延期。" }).Expect(HttpStatusCode.NoContent);

        var after = await TaskAsync(task);
        Assert.Equal(NewDue, after.Task.DueAt);
        Assert.Equal(("admin", "经批准延期。"), (after.DueChanges.Single().By, after.DueChanges.Single().Reason));
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<InvestigationDbContext>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == nameof(ChangeDueDate) && e.Actor == "admin" && e.Data.Contains(task.ToString())));
    }

    [Fact]
    public async Task ChangeDueDate_WithoutAReason_Is400WithTheFieldError_AndChangesNothing()
    {
        var task = await AcceptanceTaskAsync("接口无理由");
        var before = (await TaskAsync(task)).Task.DueAt;
        var admin = await app.BearerAsync("admin");

        var response = await admin.PutAsJsonAsync(Url(task), new { dueAt = NewDue, reason = "" }).Expect(HttpStatusCode.BadRequest);

        Assert.True(ApiClient.IsProblem(response));
        Assert.Contains("请说明修改截止时间的理由", (await ApiClient.JsonAsync(response))["errors"]!["Reason"]![0]!.GetValue<string>());
        Assert.Equal(before, (await TaskAsync(task)).Task.DueAt);
    }

    [Fact]
    public async Task ChangeDueDate_AsCaseOfficer_Is403()
    {
        var task = await AcceptanceTaskAsync("接口专员");
        var before = (await TaskAsync(task)).Task.DueAt;
        var officer = await app.BearerAsync("caseofficer");

        var response = await officer.PutAsJsonAsync(Url(task), new { dueAt = NewDue, reason = "想要更多时间" }).Expect(HttpStatusCode.Forbidden);

        Assert.Contains("只有系统管理员", (await ApiClient.JsonAsync(response))["title"]!.GetValue<string>());
        Assert.Equal(before, (await TaskAsync(task)).Task.DueAt);
    }

    [Fact]
    public async Task ChangeDueDate_ByAUserOfAnotherUnit_Is404()
    {
        var task = await AcceptanceTaskAsync("接口他市");
        var other = await app.BearerAsync("caseofficer-anping");

        var response = await other.PutAsJsonAsync(Url(task), new { dueAt = NewDue, reason = "想要更多时间" }).Expect(HttpStatusCode.NotFound);

        Assert.True(ApiClient.IsProblem(response));
    }
}
