using System.Net;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Api;

/// <summary>
/// ClaimTask and ReassignTask enforce the investigation-team rule exactly as completing a task does, and
/// the loser of a claim race is told someone else was first (409). From outside, through the API.
/// </summary>
public sealed class ClaimAndReassignTaskTests(WebApp app) : IClassFixture<WebApp>
{
    /// <summary>A Linchuan case accepted with the Linchuan team (investigator-linchuan leads, investigator2-linchuan); its first level's task.</summary>
    private async Task<Guid> LinchuanFindingsTaskAsync(string title)
    {
        var caseId = (await app.Script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(
            DemoOrganisation.LinchuanEducation.Value, title, "学生信息系统数据库被拖库。", app.Clock.GetUtcNow().AddHours(-3),
            new IncidentFactsInput { DataLeak = new(false, true, false, 120_000) }))).CaseId;
        await app.Script.SendAs("caseofficer-linchuan", new CompleteAcceptance.Command(
            await app.Script.TaskAsync(caseId, TaskKinds.Acceptance, "caseofficer-linchuan"), true, "investigator-linchuan", ["investigator2-linchuan"], null));
        return await app.Script.TaskAsync(caseId, TaskKinds.PartyConcernedFindings, "investigator-linchuan");
    }

    [Fact]
    public async Task Claim_ByAProvinceInvestigatorNotOnTheTeam_Is403_AndTheTeamCanStillClaimIt()
    {
        var task = await LinchuanFindingsTaskAsync("认领须为调查组成员");
        var outsider = await app.BearerAsync("investigator");
        var member = await app.BearerAsync("investigator2-linchuan");

        var refused = await outsider.PostAsync($"/api/v1/tasks/{task}/claim", null).Expect(HttpStatusCode.Forbidden);
        await member.PostAsync($"/api/v1/tasks/{task}/claim", null).Expect(HttpStatusCode.NoContent);

        Assert.Contains("调查组成员", (await ApiClient.JsonAsync(refused))["title"]!.GetValue<string>());
        var mine = await member.GetJsonAsync($"/api/v1/tasks?scope=Mine&kind={TaskKinds.PartyConcernedFindings}");
        Assert.Contains(task, mine["items"]!.AsArray().Select(i => i!["taskId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Claim_WhenSomeoneElseClaimedFirst_Is409()
    {
        var task = await LinchuanFindingsTaskAsync("认领先后");
        var lead = await app.BearerAsync("investigator-linchuan");
        var member = await app.BearerAsync("investigator2-linchuan");

        await lead.PostAsync($"/api/v1/tasks/{task}/claim", null).Expect(HttpStatusCode.NoContent);
        var second = await member.PostAsync($"/api/v1/tasks/{task}/claim", null).Expect(HttpStatusCode.Conflict);

        Assert.Contains("investigator-linchuan", (await ApiClient.JsonAsync(second))["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Claim_ByTwoTeamMembersAtOnce_OneWins_TheOtherIs409()
    {
        var task = await LinchuanFindingsTaskAsync("同时认领");
        var lead = await app.BearerAsync("investigator-linchuan");
        var member = await app.BearerAsync("investigator2-linchuan");

        var answers = await Task.WhenAll(lead.PostAsync($"/api/v1/tasks/{task}/claim", null), member.PostAsync($"/api/v1/tasks/{task}/claim", null));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
    }

    [Fact]
    public async Task Reassign_ByTheLead_ToAnInvestigatorNotOnTheTeam_Is400_ButToAMember_HandsItOver()
    {
        var task = await LinchuanFindingsTaskAsync("改派须为调查组成员");
        var lead = await app.BearerAsync("investigator-linchuan");

        var refused = await lead.PostJsonAsync($"/api/v1/tasks/{task}/reassign", new { toUser = "investigator", reason = "人手调整" }).Expect(HttpStatusCode.BadRequest);
        await lead.PostJsonAsync($"/api/v1/tasks/{task}/reassign", new { toUser = "investigator2-linchuan", reason = "人手调整" }).Expect(HttpStatusCode.NoContent);

        var errors = (await ApiClient.JsonAsync(refused))["errors"]!.AsObject();
        Assert.Contains("调查组成员", errors["ToUser"]![0]!.GetValue<string>());
        var mine = await (await app.BearerAsync("investigator2-linchuan")).GetJsonAsync($"/api/v1/tasks?scope=Mine&kind={TaskKinds.PartyConcernedFindings}");
        Assert.Contains(task, mine["items"]!.AsArray().Select(i => i!["taskId"]!.GetValue<Guid>()));
    }

    [Fact]
    public async Task Reassign_ByTheAdministrator_ToAnInvestigatorNotOnTheTeam_Is400_AndTheTaskStaysUnassigned()
    {
        var task = await LinchuanFindingsTaskAsync("管理员改派");
        var admin = await app.BearerAsync("admin");

        await admin.PostJsonAsync($"/api/v1/tasks/{task}/reassign", new { toUser = "investigator", reason = "人手调整" }).Expect(HttpStatusCode.BadRequest);

        var claimable = await (await app.BearerAsync("investigator-linchuan")).GetJsonAsync($"/api/v1/tasks?scope=Claimable&kind={TaskKinds.PartyConcernedFindings}");
        var row = claimable["items"]!.AsArray().Single(i => i!["taskId"]!.GetValue<Guid>() == task);
        Assert.Null(row!["assignee"]?.GetValue<string>());
    }
}
