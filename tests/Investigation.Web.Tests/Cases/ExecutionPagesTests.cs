using System.Net;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Web.Tests.Tasks;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

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
    public async Task AppealForm_ChangesTheDecision_OnAnArticle17Ground_WithTheApisMessages()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "申诉改变决定的情节")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Decided, DecidedOn);
        await app.Script.SendAs("partycommittee", new RecordDelivery.Command(id, DecidedOn, "本人及其所在党组织"));
        var before = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case;
        var appellant = before.Decision!.Measures.First().Subject;
        await app.Script.SendAs("partycommittee", new LodgeAppeal.Command(id, appellant.Kind, appellant.Id, DecidedOn, "已及时补救，请求免予问责。"));
        var committee = await app.SignInAsync("partycommittee");
        var task = await app.Script.TaskAsync(id, TaskKinds.AppealDecision, "partycommittee");
        async Task<AngleSharp.Dom.IDocument> PostAsync(Dictionary<string, string> set) =>
            await WebApp.ParseAsync(await TaskForms.PostAsync(committee, await TaskForms.FormAsync(committee, task, "DecideAppeal"), set));
        string At(AngleSharp.Dom.IDocument page, string field) => page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";
        var answer = new Dictionary<string, string> { ["DecideAppeal.Change"] = "true", ["DecideAppeal.Answer"] = "经复查，改为免予问责。" };

        // The form offers every ground of Articles 17 to 19, each with its article.
        var form = await TaskForms.FormAsync(committee, task, "DecideAppeal");
        var options = form.QuerySelectorAll("select[name='DecideAppeal.Ground.Kind'] option").Select(o => o.TextContent).ToList();
        Assert.Contains(options, o => o.Contains("免予问责") && o.Contains("第十七条"));
        Assert.Contains(options, o => o.Contains("从轻问责") && o.Contains("第十八条"));
        Assert.Contains(options, o => o.Contains("从重问责") && o.Contains("第十九条"));

        // Withdrawing the measure without a ground, a ground's facts without its kind, a kind without its facts, a ground on an
        // upheld decision: each refused with the message the API gives, at its field, and the appeal stays pending.
        Assert.Contains("须记录不予问责或免予问责的情节（《问责条例》第十七条）", (await PostAsync(answer)).QuerySelector("form [role=alert]")!.TextContent);
        var noKind = await PostAsync(new(answer) { ["DecideAppeal.Ground.Reason"] = "及时采取补救措施。" });
        Assert.Contains("必须填写", At(noKind, "DecideAppeal.Ground.Kind")); // as the API's 缺少“类型”
        Assert.Contains("请写明该情节的事实和理由", At(await PostAsync(new(answer) { ["DecideAppeal.Ground.Kind"] = nameof(GroundKind.Exemption) }), "DecideAppeal.Ground.Reason"));
        var upheld = await PostAsync(new(answer) { ["DecideAppeal.Change"] = "false", ["DecideAppeal.Ground.Kind"] = nameof(GroundKind.Lighter), ["DecideAppeal.Ground.Reason"] = "配合调查。" });
        Assert.Contains("维持原决定的，不另作问责措施或情节", upheld.QuerySelector("form [role=alert]")!.TextContent);
        Assert.Equal(AppealStatus.Pending, (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case.Appeals.Single().Status);

        var changed = await TaskForms.PostAsync(committee, await TaskForms.FormAsync(committee, task, "DecideAppeal"),
            new(answer) { ["DecideAppeal.Ground.Kind"] = nameof(GroundKind.Exemption), ["DecideAppeal.Ground.Reason"] = "在决策实施中已经履职尽责，损失因不可抗力造成。" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var after = (await app.Script.SendAs("auditor", new GetCase.Query(id))).Case;
        Assert.Equal(AppealStatus.Changed, after.Appeals.Single().Status);
        Assert.DoesNotContain(after.Decision!.Measures, m => m.Subject == appellant);
        var ground = Assert.Single(after.Decision.Grounds, g => g.Subject == appellant);
        Assert.Equal(GroundKind.Exemption, ground.Kind);
        Assert.Contains("第十七条", ground.Citation.Provision);
        Assert.Contains(after.EarlierDecisions, d => d.Measures.Any(m => m.Subject == appellant)); // the first decision kept
    }

    [Fact]
    public async Task CasePage_DrawsTheAdjustmentAndTheAppeal_EachWithItsStepsMarked()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "执行流程图")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.AwaitingDecision, DecidedOn);
        var held = (await app.Script.SendAs("partycommittee", new GetCase.Query(id))).Case.PeopleHeldResponsible.ToList();
        await app.Script.SendAs("partycommittee", new RecordDecision.Command(await app.Script.TaskAsync(id, TaskKinds.Decision, "partycommittee"),
            held.Select((p, i) => new MeasureInput(TargetKind.Cadre, p.Value, [i == 0 ? AccountabilityForm.OrganisationalAdjustment : AccountabilityForm.Admonishment], "经研究决定。")).ToList(),
            DecidedOn, "已宣布。"));
        var committee = await app.SignInAsync("partycommittee");

        // Before the delivery only the investigation is drawn.
        var page = await WebApp.PageAsync(committee, $"/Cases/Details/{id}");
        Assert.Single(page.QuerySelectorAll(".diagram[data-bpmn-url]"));

        await app.Script.SendAs("partycommittee", new RecordDelivery.Command(id, DecidedOn, "本人及其所在党组织"));
        await app.Script.SendAs("partycommittee", new LodgeAppeal.Command(id, TargetKind.Cadre, held[0].Value, DecidedOn, "请求改为通报。"));
        page = await WebApp.PageAsync(committee, $"/Cases/Details/{id}");

        string? State(string list, string activity) => page.QuerySelector($"#{list} [data-element='{ExportBpmn.ElementId(activity)}']")?.GetAttribute("data-state");
        Assert.Equal("active", State("diagram-organisational-adjustment-steps", "adjustment"));
        Assert.Equal("pending", State("diagram-organisational-adjustment-steps", "end"));
        Assert.Equal("active", State("diagram-appeal-1-steps", "appeal-decision"));
        Assert.Contains("组织调整或者组织处理手续", page.QuerySelector("#diagram-organisational-adjustment-steps")!.TextContent);
        Assert.Contains("第十四条", page.QuerySelector("#diagram-organisational-adjustment-title")!.TextContent);
        Assert.Contains("第二十条", page.QuerySelector("#diagram-appeal-1-title")!.TextContent);
        Assert.Equal("done", State("diagram-steps", "decision")); // the investigation's own diagram is still there

        // Each diagram's BPMN is that workflow's, and every step its list names is an element of it.
        foreach (var (diagram, list) in new[] { ("diagram-organisational-adjustment", "diagram-organisational-adjustment-steps"), ("diagram-appeal-1", "diagram-appeal-1-steps") })
        {
            var url = page.QuerySelector($"#{diagram}")!.GetAttribute("data-bpmn-url")!;
            Assert.Contains("instance=", url);
            var bpmn = await committee.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, bpmn.StatusCode);
            var ids = System.Xml.Linq.XDocument.Parse(await bpmn.Content.ReadAsStringAsync()).Descendants().Select(e => (string?)e.Attribute("id")).ToHashSet();
            var listed = page.QuerySelectorAll($"#{list} [data-element]").Select(li => li.GetAttribute("data-element")).ToList();
            Assert.NotEmpty(listed);
            Assert.All(listed, e => Assert.Contains(e, ids));
        }

        // The API's diagram lists the same workflows under execution, each with its own steps.
        var api = await Investigation.Web.Tests.Api.ApiClient.GetJsonAsync(await Investigation.Web.Tests.Api.ApiClient.BearerAsync(app, "partycommittee"), $"/api/v1/cases/{id}/diagram");
        var execution = api["execution"]!.AsArray();
        Assert.Equal([ExecutionWorkflows.Adjustment, ExecutionWorkflows.Appeal], execution.Select(e => e!["definition"]!.GetValue<string>()));
        var appealSteps = execution[1]!["steps"]!.AsArray();
        Assert.Equal(1, execution[1]!["appealNumber"]!.GetValue<int>());
        Assert.Contains(appealSteps, st => st!["activityId"]!.GetValue<string>() == "appeal-decision" && st["state"]!.GetValue<string>() == "Active"
            && st["taskKind"]!.GetValue<string>() == TaskKinds.AppealDecision);

        // An instance is only ever drawn for its own case, and never for a user of another unit.
        var appealUrl = page.QuerySelector("#diagram-appeal-1")!.GetAttribute("data-bpmn-url")!;
        var instance = appealUrl[(appealUrl.IndexOf("instance=", StringComparison.Ordinal) + "instance=".Length)..];
        var other = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "另一案件")).CaseId;
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync($"/Cases/Details/{other}?handler=Bpmn&instance={instance}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await committee.GetAsync($"/Cases/Details/{id}?handler=Bpmn&instance={Guid.NewGuid()}")).StatusCode);
        var stranger = await app.SignInAsync("partycommittee-linchuan");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(appealUrl)).StatusCode);

        // Answered, the appeal's step is done.
        await app.Script.SendAs("partycommittee", new DecideAppeal.Command(await app.Script.TaskAsync(id, TaskKinds.AppealDecision, "partycommittee"),
            false, null, null, "维持原决定。", DecidedOn));
        page = await WebApp.PageAsync(committee, $"/Cases/Details/{id}");
        Assert.Equal("done", State("diagram-appeal-1-steps", "appeal-decision"));
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
