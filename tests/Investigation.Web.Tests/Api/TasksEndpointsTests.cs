using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Api;

/// <summary>GetInbox, ClaimTask, ReleaseTask, ReassignTask and completing tasks through the API, and how they refuse.</summary>
public sealed class TasksEndpointsTests(WebApp app) : IClassFixture<WebApp>
{
    private async Task<Guid> NewCaseAsync(string title) => (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title)).CaseId;

    [Fact]
    public async Task GetInbox_FiltersAndPages()
    {
        var cases = new List<Guid>();
        for (var i = 0; i < 3; i++) cases.Add(await NewCaseAsync($"收件箱分页 {i}"));
        var officer = await app.BearerAsync("caseofficer");

        var first = await officer.GetJsonAsync($"/api/v1/tasks?kind={TaskKinds.Acceptance}&pageSize=2");
        var second = await officer.GetJsonAsync($"/api/v1/tasks?kind={TaskKinds.Acceptance}&pageSize=2&page=2");
        var oneCase = await officer.GetJsonAsync($"/api/v1/tasks?caseId={cases[1]}");
        var otherKind = await officer.GetJsonAsync($"/api/v1/tasks?kind={TaskKinds.Hearing}");
        var investigators = await (await app.BearerAsync("investigator")).GetJsonAsync($"/api/v1/tasks?caseId={cases[0]}");

        var total = first["total"]!.GetValue<int>();
        Assert.True(total >= 3);
        Assert.Equal(2, first["items"]!.AsArray().Count);
        Assert.Equal(Math.Min(2, total - 2), second["items"]!.AsArray().Count);
        Assert.Equal(2, second["page"]!.GetValue<int>());
        Assert.Empty(first["items"]!.AsArray().Select(t => t!["taskId"]!.GetValue<Guid>())
            .Intersect(second["items"]!.AsArray().Select(t => t!["taskId"]!.GetValue<Guid>())));
        Assert.Equal("收件箱分页 1", oneCase["items"]!.AsArray().Single()!["caseTitle"]!.GetValue<string>());
        Assert.Equal(0, otherKind["total"]!.GetValue<int>());
        Assert.Equal(0, investigators["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task GetInbox_WithAnUnknownScope_Is400()
    {
        var officer = await app.BearerAsync("caseofficer");

        var response = await officer.GetAsync("/api/v1/tasks?scope=Everything").Expect(HttpStatusCode.BadRequest);

        Assert.True(ApiClient.IsProblem(response));
    }

    [Theory]
    [InlineData("page=0", "Page", "caseofficer")]
    [InlineData("page=-1", "Page", "disciplinereviewer")]
    [InlineData("page=100001", "Page", "caseofficer")]
    [InlineData("pageSize=0", "PageSize", "disciplinereviewer")]
    [InlineData("pageSize=201", "PageSize", "caseofficer")]
    [InlineData("pageSize=-5&page=0", "PageSize", "disciplinereviewer")]
    public async Task GetInbox_WithPagingOutOfRange_Is400_NamingTheField_InTheUsersLanguage(string query, string field, string user)
    {
        // The reviewer chose English for themselves; the case officer keeps Chinese, the default.
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Investigation.Workflows.Data.InvestigationDbContext>().Users
                .Where(u => u.UserName == "disciplinereviewer").ExecuteUpdateAsync(u => u.SetProperty(x => x.Culture, "en"));
        var client = await app.BearerAsync(user);

        var response = await client.GetAsync($"/api/v1/tasks?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(ApiClient.IsProblem(response));
        var message = (await ApiClient.JsonAsync(response))["errors"]![field]![0]!.GetValue<string>();
        Assert.Equal(user == "disciplinereviewer", message.All(c => c < '\u4e00'));
        Assert.Contains(field == "Page" ? "100,000" : "200", message);
    }

    [Fact]
    public async Task Claim_PutsTheTaskInMine_Release_GivesItBack()
    {
        var caseId = await NewCaseAsync("认领与退回");
        var officer = await app.BearerAsync("caseofficer");
        var task = await officer.TaskAsync(caseId, TaskKinds.Acceptance);

        await officer.PostAsync($"/api/v1/tasks/{task}/claim", null).Expect(HttpStatusCode.NoContent);
        var mine = await officer.GetJsonAsync($"/api/v1/tasks?scope=Mine&caseId={caseId}");
        await officer.PostAsync($"/api/v1/tasks/{task}/release", null).Expect(HttpStatusCode.NoContent);
        var mineAfter = await officer.GetJsonAsync($"/api/v1/tasks?scope=Mine&caseId={caseId}");
        var again = await officer.PostAsync($"/api/v1/tasks/{task}/release", null).Expect(HttpStatusCode.Conflict);

        Assert.Equal("caseofficer", mine["items"]!.AsArray().Single()!["assignee"]!.GetValue<string>());
        Assert.Equal(0, mineAfter["total"]!.GetValue<int>());
        Assert.Contains("没有人认领", (await ApiClient.JsonAsync(again))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reassign_ByTheAdministrator_HandsTheTaskOver_ButNotToSomeoneWithoutItsRole()
    {
        var caseId = await NewCaseAsync("转派");
        var admin = await app.BearerAsync("admin");
        var officer = await app.BearerAsync("caseofficer");
        var task = await officer.TaskAsync(caseId, TaskKinds.Acceptance);

        var refused = await admin.PostJsonAsync($"/api/v1/tasks/{task}/reassign", new { toUser = "investigator", reason = "人手调整" }).Expect(HttpStatusCode.BadRequest);
        await admin.PostJsonAsync($"/api/v1/tasks/{task}/reassign", new { toUser = "caseofficer", reason = "人手调整" }).Expect(HttpStatusCode.NoContent);

        Assert.Contains("ToUser", (await ApiClient.JsonAsync(refused))["errors"]!.AsObject().Select(e => e.Key));
        var mine = await officer.GetJsonAsync($"/api/v1/tasks?scope=Mine&caseId={caseId}");
        Assert.Equal(task, mine["items"]!.AsArray().Single()!["taskId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task CompleteAcceptance_AsInvestigator_Is403_AndTheTaskStaysOpen()
    {
        var caseId = await NewCaseAsync("角色不符");
        var officer = await app.BearerAsync("caseofficer");
        var task = await officer.TaskAsync(caseId, TaskKinds.Acceptance);
        var investigator = await app.BearerAsync("investigator");

        var response = await investigator.PostJsonAsync($"/api/v1/tasks/{task}/acceptance",
            new { accept = true, leadInvestigator = "investigator", members = new[] { "investigator2" } }).Expect(HttpStatusCode.Forbidden);

        Assert.Contains("案件专员", (await ApiClient.JsonAsync(response))["title"]!.GetValue<string>());
        Assert.Equal(task, await officer.TaskAsync(caseId, TaskKinds.Acceptance));
    }

    [Fact]
    public async Task CompleteAcceptance_WithATeamOfOne_Is400WithTheFieldError()
    {
        var caseId = await NewCaseAsync("调查组不足两人");
        var officer = await app.BearerAsync("caseofficer");
        var task = await officer.TaskAsync(caseId, TaskKinds.Acceptance);

        var response = await officer.PostJsonAsync($"/api/v1/tasks/{task}/acceptance", new { accept = true, leadInvestigator = "investigator" })
            .Expect(HttpStatusCode.BadRequest);

        var errors = (await ApiClient.JsonAsync(response))["errors"]!;
        Assert.Contains("调查组至少由2人组成", errors["Members"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task CompletingATask_AtAnotherKindsEndpoint_IsRefused()
    {
        var caseId = await NewCaseAsync("任务类型不符");
        var officer = await app.BearerAsync("caseofficer");
        var task = await officer.TaskAsync(caseId, TaskKinds.Acceptance);

        var response = await officer.PostJsonAsync($"/api/v1/tasks/{task}/acknowledgement", new { note = "收到" }).Expect(HttpStatusCode.BadRequest);

        Assert.True(ApiClient.IsProblem(response));
        Assert.Equal(task, await officer.TaskAsync(caseId, TaskKinds.Acceptance));
    }

    [Fact]
    public async Task UnknownTask_Is404()
    {
        var officer = await app.BearerAsync("caseofficer");

        var response = await officer.PostJsonAsync($"/api/v1/tasks/{Guid.NewGuid()}/acceptance", new { accept = false, reason = "无" }).Expect(HttpStatusCode.NotFound);

        Assert.True(ApiClient.IsProblem(response));
    }

    [Fact]
    public async Task ConcurrentDoubleCompletion_OneSucceeds_TheOtherIs409()
    {
        var caseId = await NewCaseAsync("并发受理");
        var first = await app.BearerAsync("caseofficer");
        var second = await app.BearerAsync("caseofficer");
        var task = await first.TaskAsync(caseId, TaskKinds.Acceptance);
        var body = new { accept = true, leadInvestigator = "investigator", members = new[] { "investigator2" } };

        var responses = await Task.WhenAll(
            first.PostJsonAsync($"/api/v1/tasks/{task}/acceptance", body),
            second.PostJsonAsync($"/api/v1/tasks/{task}/acceptance", body));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        var conflict = responses.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.True(ApiClient.IsProblem(conflict));
        // The task's own refusal, or the transaction's (which has no Chinese yet) if both got that far at once.
        Assert.Matches("未作任何修改|Nothing of yours", (await ApiClient.JsonAsync(conflict))["title"]!.GetValue<string>());
        // Accepted once: one party-concerned task, not two.
        var investigator = await app.BearerAsync("investigator");
        await investigator.TaskAsync(caseId, TaskKinds.PartyConcernedFindings);
    }
}
