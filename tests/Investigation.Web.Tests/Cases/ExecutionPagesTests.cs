using System.Net;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Web.Tests.Tasks;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Investigation;

namespace Investigation.Web.Tests.Cases;

/// <summary>The pages after the decision: RecordDelivery, LodgeAppeal, the appeal's task form, and what the case page shows.</summary>
public sealed class ExecutionPagesTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateOnly DecidedOn = new(2026, 3, 2);

    [Fact]
    public async Task Delivery_Appeal_AndItsTask_ThroughThePages()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "送达与申诉页面")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Decided, DecidedOn);
        var committee = await app.SignInAsync("partycommittee");

        // A delivery without recipients is refused beside the field, and nothing is recorded.
        var form = await WebApp.FormAsync(committee, $"/Cases/RecordDelivery/{id}", "main form");
        var refused = await WebApp.ParseAsync(await TaskForms.PostAsync(committee, form, new() { ["Input.Recipients"] = "" }));
        Assert.Contains("送达对象", refused.QuerySelector("[data-valmsg-for='Input.Recipients']")!.TextContent);
        Assert.Null((await app.Script.SendAs("auditor", new GetCase.Query(id))).Case.Delivery);

        form = await WebApp.FormAsync(committee, $"/Cases/RecordDelivery/{id}", "main form");
        var delivered = await TaskForms.PostAsync(committee, form, new() { ["Input.DeliveredOn"] = "2026-03-02", ["Input.Recipients"] = "本人及其所在党组织" });
        Assert.Equal(HttpStatusCode.Redirect, delivered.StatusCode);

        var c = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case;
        var appellant = c.Decision!.Measures.First().Subject;
        form = await WebApp.FormAsync(committee, $"/Cases/LodgeAppeal/{id}", "main form");
        var lodged = await TaskForms.PostAsync(committee, form, new()
        {
            ["Input.Appellant"] = $"{appellant.Kind}:{appellant.Id}", ["Input.LodgedOn"] = "2026-03-02", ["Input.Grounds"] = "认定事实有误。",
        });
        Assert.Equal(HttpStatusCode.Redirect, lodged.StatusCode);

        var page = await WebApp.PageAsync(committee, $"/Cases/Details/{id}");
        Assert.Contains("2026-03-02", page.QuerySelector("#decision-execution")!.TextContent);
        Assert.Contains("2026-04-02", page.QuerySelector("#decision-execution")!.TextContent); // the last day to appeal
        Assert.Contains("认定事实有误", page.QuerySelector("#appeals")!.TextContent);
        Assert.NotNull(page.QuerySelector("link[href*='case-print.css']"));

        // The appeal's task shows its own form, and upholding the decision answers it.
        var task = await app.Script.TaskAsync(id, TaskKinds.AppealDecision, "partycommittee");
        var taskForm = await TaskForms.FormAsync(committee, task, "DecideAppeal");
        var answered = await TaskForms.PostAsync(committee, taskForm, new() { ["DecideAppeal.Change"] = "false", ["DecideAppeal.Answer"] = "维持原决定。" });
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal(AppealStatus.Upheld, (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case.Appeals.Single().Status);
    }

    [Fact]
    public async Task Delivery_WithAnUnreadableDate_ShowsEveryMessageAtOnce_AndAppeal_DatedInTheFuture_IsRefusedAtTheDate()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "送达日期")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Decided, DecidedOn);
        var committee = await app.SignInAsync("partycommittee");

        var form = await WebApp.FormAsync(committee, $"/Cases/RecordDelivery/{id}", "main form");
        var refused = await WebApp.ParseAsync(await TaskForms.PostAsync(committee, form, new() { ["Input.DeliveredOn"] = "2026-02-30", ["Input.Recipients"] = "" }));
        Assert.False(string.IsNullOrWhiteSpace(refused.QuerySelector("[data-valmsg-for='Input.DeliveredOn']")!.TextContent));
        Assert.Contains("送达对象", refused.QuerySelector("[data-valmsg-for='Input.Recipients']")!.TextContent);

        var future = await WebApp.ParseAsync(await TaskForms.PostAsync(committee, form, new() { ["Input.DeliveredOn"] = "2099-01-01", ["Input.Recipients"] = "本人" }));
        Assert.Contains("不能晚于今天", future.QuerySelector("[data-valmsg-for='Input.DeliveredOn']")!.TextContent);
        Assert.Null((await app.Script.SendAs("auditor", new GetCase.Query(id))).Case.Delivery);
    }

    [Fact]
    public async Task DeliveryPage_OfAnotherUnitsCase_IsNotFound()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "他单位送达")).CaseId;
        var stranger = await app.SignInAsync("partycommittee-linchuan");

        var response = await stranger.GetAsync($"/Cases/RecordDelivery/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
