using System.Net;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Api;

/// <summary>After the decision, through the API: delivery, the organisation department's one-month task, and appeals.</summary>
public sealed class ExecutionApiTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateOnly DecidedOn = new(2026, 3, 2);

    /// <summary>Decided on <see cref="DecidedOn"/>, or on the clock's day where the shared clock has passed it (another test moved it).</summary>
    private async Task<(Guid CaseId, List<Guid> Held, HttpClient Committee)> DecidedWithAdjustmentAsync(string title)
    {
        var today = TimeLimits.ChinaDate(app.Clock.GetUtcNow());
        var decidedOn = today > DecidedOn ? today : DecidedOn;
        var registered = await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title);
        await app.Script.RunToAsync(registered.CaseId, CaseStatus.AwaitingDecision, decidedOn);
        var committee = await app.BearerAsync("partycommittee");
        var view = await committee.GetJsonAsync($"/api/v1/cases/{registered.CaseId}");
        var held = view["responsibilities"]!.AsArray().Where(r => r!["effective"]!.GetValue<string>() != "None")
            .Select(r => r!["person"]!["id"]!.GetValue<Guid>()).ToList();
        await committee.PostJsonAsync($"/api/v1/tasks/{await committee.TaskAsync(registered.CaseId, TaskKinds.Decision)}/decision", new
        {
            measures = held.Select((p, i) => new { target = "Cadre", subjectId = p, forms = new[] { i == 0 ? "OrganisationalAdjustment" : "Admonishment" }, reason = "经研究决定。" }),
            decidedOn = decidedOn.ToString("yyyy-MM-dd"),
            announcement = "已宣布。",
        }).Expect(HttpStatusCode.NoContent);
        return (registered.CaseId, held, committee);
    }

    [Fact]
    public async Task Delivery_StartsTheOrganisationDepartmentsTask_DueAtTheEndOfTheStatutoryMonth()
    {
        var (caseId, _, committee) = await DecidedWithAdjustmentAsync("组织调整一个月");
        var delivered = TimeLimits.ChinaDate(app.Clock.GetUtcNow());

        await committee.PostJsonAsync($"/api/v1/cases/{caseId}/delivery", new { deliveredOn = delivered.ToString("yyyy-MM-dd"), recipients = "本人及其所在党组织" })
            .Expect(HttpStatusCode.NoContent);

        var cadres = await app.BearerAsync("cadremanagement");
        var view = await cadres.GetJsonAsync($"/api/v1/cases/{caseId}");
        var lastDay = TimeLimits.LastDayOfOneMonth(delivered);
        Assert.Equal(lastDay.ToString("yyyy-MM-dd"), view["execution"]!["adjustmentLastDay"]!.GetValue<string>());
        Assert.Equal(lastDay.ToString("yyyy-MM-dd"), view["execution"]!["appealLastDay"]!.GetValue<string>());
        Assert.StartsWith("第十四条", view["execution"]!["adjustmentCitation"]!["provision"]!.GetValue<string>());
        var task = view["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == TaskKinds.OrganisationalAdjustment)!;
        Assert.Equal(TimeLimits.EndOf(lastDay), task["dueAt"]!.GetValue<DateTimeOffset>());

        // Delivered once only.
        await committee.PostJsonAsync($"/api/v1/cases/{caseId}/delivery", new { deliveredOn = delivered.ToString("yyyy-MM-dd"), recipients = "本人" })
            .Expect(HttpStatusCode.UnprocessableEntity);

        await cadres.PostJsonAsync($"/api/v1/tasks/{task["id"]!.GetValue<Guid>()}/organisational-adjustment",
            new { completedOn = delivered.ToString("yyyy-MM-dd"), note = "已办理免职手续。" }).Expect(HttpStatusCode.NoContent);
        var done = await cadres.GetJsonAsync($"/api/v1/cases/{caseId}");
        Assert.Equal("已办理免职手续。", done["execution"]!["adjustment"]!["note"]!.GetValue<string>());
    }

    [Fact]
    public async Task Appeals_OnTheLastDay_AndTheDayAfter_AndOneThatChangesTheDecision()
    {
        var (caseId, held, committee) = await DecidedWithAdjustmentAsync("申诉");
        await committee.PostJsonAsync($"/api/v1/cases/{caseId}/delivery", new { deliveredOn = "2026-03-02", recipients = "本人及其所在党组织" })
            .Expect(HttpStatusCode.NoContent);
        // A month and a day later (Beijing time): the last day to appeal was 2 April.
        if (app.Clock.GetUtcNow() < new DateTimeOffset(2026, 4, 3, 1, 0, 0, TimeSpan.Zero))
            app.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 3, 1, 0, 0, TimeSpan.Zero));
        committee = await app.BearerAsync("partycommittee"); // a token from a month ago has expired

        var inTime = await ApiClient.JsonAsync(await committee.PostJsonAsync($"/api/v1/cases/{caseId}/appeals",
            new { target = "Cadre", subjectId = held[1], lodgedOn = "2026-04-02", grounds = "认定事实有误，请求改为通报。" }).Expect(HttpStatusCode.OK));
        Assert.Equal("Pending", inTime["status"]!.GetValue<string>());

        var late = await ApiClient.JsonAsync(await committee.PostJsonAsync($"/api/v1/cases/{caseId}/appeals",
            new { target = "Cadre", subjectId = held[2], lodgedOn = "2026-04-03", grounds = "请求撤销。" }).Expect(HttpStatusCode.OK));
        Assert.Equal("RefusedAsLate", late["status"]!.GetValue<string>());
        Assert.Contains("2026-04-02", late["answer"]!.GetValue<string>());

        // Execution is not suspended: the cadre management department acknowledges while the appeal waits.
        var cadres = await app.BearerAsync("cadremanagement");
        await cadres.PostJsonAsync($"/api/v1/tasks/{await cadres.TaskAsync(caseId, TaskKinds.Acknowledgement)}/acknowledgement",
            new { note = "已执行。" }).Expect(HttpStatusCode.NoContent);

        var view = await committee.GetJsonAsync($"/api/v1/cases/{caseId}");
        Assert.Equal("Closed", view["status"]!.GetValue<string>());
        var appealTask = view["tasks"]!.AsArray().Single(t => t!["kind"]!.GetValue<string>() == TaskKinds.AppealDecision)!;
        Assert.Equal(TimeLimits.EndOf(new DateOnly(2026, 5, 2)), appealTask["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(2, view["execution"]!["appeals"]!.AsArray().Count);

        await committee.PostJsonAsync($"/api/v1/tasks/{appealTask["id"]!.GetValue<Guid>()}/appeal-decision", new
        {
            change = true,
            answer = "部分采纳，改为通报。",
            decidedOn = "2026-04-03",
            replacement = new { target = "Cadre", subjectId = held[1], forms = new[] { "CirculatedCriticism" }, reason = "申诉后改为通报。" },
        }).Expect(HttpStatusCode.NoContent);

        var changed = await committee.GetJsonAsync($"/api/v1/cases/{caseId}");
        var appeals = changed["execution"]!["appeals"]!.AsArray();
        Assert.Equal(["Changed", "RefusedAsLate"], appeals.Select(a => a!["status"]!.GetValue<string>()));
        var first = changed["execution"]!["earlierDecisions"]!.AsArray().Single()!;
        Assert.Equal(["Admonishment"], first["measures"]!.AsArray().Single(m => m!["subjectId"]!.GetValue<Guid>() == held[1])!["forms"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(["CirculatedCriticism"], changed["decision"]!["measures"]!.AsArray().Single(m => m!["subjectId"]!.GetValue<Guid>() == held[1])!["forms"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task Appeal_BeforeDelivery_Is422_AndByAnotherUnit_Is404()
    {
        var (caseId, held, committee) = await DecidedWithAdjustmentAsync("送达前申诉");

        await committee.PostJsonAsync($"/api/v1/cases/{caseId}/appeals",
            new { target = "Cadre", subjectId = held[0], lodgedOn = "2026-03-02", grounds = "理由" }).Expect(HttpStatusCode.UnprocessableEntity);
        var stranger = await app.BearerAsync("partycommittee-linchuan");
        await stranger.PostJsonAsync($"/api/v1/cases/{caseId}/delivery", new { deliveredOn = "2026-03-02", recipients = "本人" }).Expect(HttpStatusCode.NotFound);
    }
}
