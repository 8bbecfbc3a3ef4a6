using System.Net;
using System.Xml.Linq;
using Investigation.Domain.Cases;
using Investigation.Domain.Responsibility;
using Investigation.Domain.TraceBack;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Cases;

/// <summary>The case page (GetCase, GetProcessDiagram) and its BPMN (ExportBpmn).</summary>
public sealed class GetCaseTests(WebApp app) : IClassFixture<WebApp>
{
    private static readonly DateOnly DecidedOn = new(2026, 3, 2);

    private async Task<Guid> RegisterAsync(string title = "省政府门户网站遭篡改并瘫痪") =>
        (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: title)).CaseId;

    [Fact]
    public async Task CasePage_ShowsEachArticle8ClauseWithItsReasonAndCitation()
    {
        var id = await RegisterAsync();
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        var paralysis = page.QuerySelector("#circumstance-2")!;
        Assert.Contains("符合", paralysis.QuerySelector("h3")!.TextContent);
        var clauses = paralysis.QuerySelectorAll("table.clauses tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(clauses, c => c.Contains("地市级以上党政机关门户网站或者重点新闻网站") && c.Contains("✓ 满足") && c.Contains("省级"));
        Assert.Contains(clauses, c => c.Contains("8小时")); // the outage, exactly
        Assert.Contains("瘫痪6小时以上的", paralysis.QuerySelector("blockquote")!.TextContent);
        Assert.Contains("第八条第二款第（二）项", paralysis.QuerySelector("blockquote cite")!.TextContent);
        Assert.NotNull(page.QuerySelector("#circumstance-1"));
        Assert.Null(page.QuerySelector("#circumstance-3")); // no facts recorded: named, not evaluated at length
        Assert.Contains("应当逐级倒查", page.QuerySelector("#conclusion")!.TextContent);
    }

    [Fact]
    public async Task CasePage_InEnglish_ShowsTheEvaluationInEnglish()
    {
        var id = await RegisterAsync();
        var client = await app.SignInAsync("investigator2");
        var language = await WebApp.FormAsync(client, "/Tasks", "form[action='/Account/Language']");
        await client.PostAsync("/Account/Language", WebApp.Fields(language, new() { ["culture"] = "en" }));

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        var paralysis = page.QuerySelector("#circumstance-2")!;
        Assert.Contains("met", paralysis.QuerySelector("h3")!.TextContent);
        Assert.Contains(paralysis.QuerySelectorAll("table.clauses tbody tr"), r => r.TextContent.Contains("✓ satisfied") && r.TextContent.Contains("provincial-level"));
        Assert.Contains("paralysed for 6 hours or more", paralysis.QuerySelector("blockquote")!.TextContent);
        Assert.Contains("Article 8(2), item (2)", paralysis.QuerySelector("blockquote cite")!.TextContent);
    }

    [Fact]
    public async Task CasePage_AfterDetermination_ShowsTheChainTheResponsibilitiesWithTheOverrideAndTheTimeline()
    {
        var id = await RegisterAsync();
        await app.Script.RunToAsync(id, CaseStatus.DeterminingResponsibility, DecidedOn);
        var task = await app.Script.TaskAsync(id, TaskKinds.ResponsibilityDetermination, "investigator");
        await app.Script.SendAs("investigator", new DetermineResponsibility.Command(task,
            new(true, [CaseScript.MainLead.Value, CaseScript.SecurityLead.Value, CaseScript.Member.Value], [CaseScript.Member.Value], "办公厅党组会议决定推迟门户网站安全加固项目。"),
            [new(CaseScript.Member.Value, ResponsibilityKind.None, "会议记录显示其明确反对推迟加固项目。")]));
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        var level1 = page.QuerySelector("#level-1")!;
        Assert.Contains("已完成", level1.QuerySelector(".level-status")!.TextContent);
        var finding = level1.QuerySelector("table.findings tbody tr")!.TextContent;
        Assert.Contains("方磊", finding); // the name from the organisation, not an id
        Assert.Contains("负有责任", finding);
        Assert.Contains("篡改发生后两小时未报告", finding);
        Assert.Contains("值班记录", finding);
        Assert.Contains("第三条第（三）项", finding);
        Assert.Contains("张卫东", page.QuerySelector("#level-2")!.TextContent);
        Assert.Contains("不适用", page.QuerySelector("#level-4 .level-status")!.TextContent);
        Assert.Contains("网信办已按规定通报风险隐患", page.QuerySelector("#coordination")!.TextContent);

        var rows = page.QuerySelectorAll("#responsibilities tbody tr").ToList();
        var member = rows.Single(r => r.QuerySelector("th")!.TextContent.Contains("黄晓梅"));
        Assert.Contains("重要领导责任", member.QuerySelector(".derived")!.TextContent);
        Assert.Contains("异议", member.QuerySelector(".dissent")!.TextContent);
        Assert.Contains("不承担责任", member.QuerySelector(".override")!.TextContent);
        Assert.Contains("会议记录显示其明确反对推迟加固项目。", member.TextContent);
        Assert.Contains("investigator", member.TextContent);
        var main = rows.Single(r => r.QuerySelector("th")!.TextContent.Contains("刘德明"));
        Assert.Contains("主要领导责任", main.QuerySelector(".derived")!.TextContent);
        Assert.Contains("未调整", main.TextContent);

        // The business timeline: who did what, with what outcome; the engine's own log is not shown to a case officer.
        var timeline = page.QuerySelectorAll("#case-history tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(timeline, r => r.Contains("受理审查") && r.Contains("受理") && r.Contains("caseofficer"));
        Assert.Contains(timeline, r => r.Contains("认定责任") && r.Contains("责任认定") && r.Contains("investigator"));
        Assert.Null(page.QuerySelector("#case-timeline"));
        var open = page.QuerySelectorAll("#case-tasks tbody tr[data-status=Open]").Select(r => r.TextContent).ToList();
        Assert.Contains(open, r => r.Contains("陈述和申辩"));
        Assert.Equal(6, page.QuerySelectorAll("#case-tasks tbody tr[data-status=Completed]").Length); // acceptance, 3 levels, coordination, responsibility
    }

    [Fact]
    public async Task CasePage_AfterAReturn_KeepsTheSupersededFindingsOfTheEarlierRound()
    {
        var id = await RegisterAsync();
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, DecidedOn);
        await app.Script.SendAs("disciplinereviewer", new ReviewCase.Command(
            await app.Script.TaskAsync(id, TaskKinds.DisciplineReview, "disciplinereviewer"), ReviewCase.Verdict.Return, "当事人认定证据不足。", [TraceBackLevel.PartyConcerned]));
        var client = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        var level1 = page.QuerySelector("#level-1")!;
        Assert.Contains("第2轮", level1.QuerySelector("h3")!.TextContent);
        Assert.Contains("调查中", level1.QuerySelector(".level-status")!.TextContent);
        var superseded = level1.QuerySelector("details")!;
        Assert.Contains("方磊", superseded.QuerySelector("table.findings")!.TextContent);
        Assert.Contains("已完成", page.QuerySelector("#level-2 .level-status")!.TextContent); // not reopened
        Assert.Contains(page.QuerySelectorAll("#reviews tbody tr"), r => r.TextContent.Contains("退回补充调查") && r.TextContent.Contains("当事人认定证据不足。"));
        Assert.Equal("active", page.QuerySelector("#diagram-steps [data-element='Activity_again-level-1']")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task CasePage_MarksTheStepsOfTheDiagramAsTheWorkflowIs()
    {
        var id = await RegisterAsync();
        await app.Script.AcceptAsync(id);
        var client = await app.SignInAsync("investigator");

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        string? State(string activity) => page.QuerySelector($"#diagram-steps [data-element='{ExportBpmn.ElementId(activity)}']")?.GetAttribute("data-state");
        Assert.Equal("done", State("accept"));
        Assert.Equal("active", State("level-1"));
        Assert.Equal("active", State("coordination"));
        Assert.Equal("pending", State("level-2"));
        Assert.Equal($"/Cases/Details/{id}?handler=Bpmn", page.QuerySelector("#diagram")!.GetAttribute("data-bpmn-url"));

        var bpmn = await client.GetAsync($"/Cases/Details/{id}?handler=Bpmn");
        Assert.Equal(HttpStatusCode.OK, bpmn.StatusCode);
        Assert.Equal("application/xml", bpmn.Content.Headers.ContentType?.MediaType);
        var xml = XDocument.Parse(await bpmn.Content.ReadAsStringAsync());
        var ids = xml.Descendants().Select(e => (string?)e.Attribute("id")).ToHashSet();
        // Every step the page lists is an element of the diagram, so each marker lands on its shape.
        Assert.All(page.QuerySelectorAll("#diagram-steps [data-element]"), li => Assert.Contains(li.GetAttribute("data-element"), ids));
    }

    [Fact]
    public async Task CaseOfAnotherUnit_IsNotFound_PageAndBpmn()
    {
        var id = await RegisterAsync();
        var outsider = await app.SignInAsync("investigator-anping");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Cases/Details/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Cases/Details/{id}?handler=Bpmn")).StatusCode);
        // Exactly as a case that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Cases/Details/{Guid.NewGuid()}")).StatusCode);
        var insider = await app.SignInAsync("caseofficer");
        Assert.Equal(HttpStatusCode.OK, (await insider.GetAsync($"/Cases/Details/{id}")).StatusCode);
    }

    [Fact]
    public async Task ScriptInTitleAndDescription_IsShownAsText()
    {
        const string script = "<script>alert('x')</script>";
        var registered = await app.Script.SendAs("caseofficer", new RegisterIncident.Command(
            DemoOrganisation.ProvincialGovernmentOffice.Value, $"标题{script}", $"描述{script}<img src=x onerror=alert(1)>",
            app.Clock.GetUtcNow().AddHours(-1), new IncidentFactsInput(), [Investigation.Domain.Incidents.Article3Duty.EducationAndTalent]));
        var client = await app.SignInAsync("caseofficer");

        foreach (var url in new[] { $"/Cases/Details/{registered.CaseId}", "/Cases" })
        {
            var response = await client.GetAsync(url);
            var html = await response.Content.ReadAsStringAsync();
            var page = await WebApp.ParseAsync(response);

            Assert.DoesNotContain(script, html);
            Assert.Contains("&lt;script&gt;", html);
            Assert.DoesNotContain(page.QuerySelectorAll("script"), s => s.TextContent.Contains("alert"));
            Assert.Empty(page.QuerySelectorAll("img[onerror]"));
            Assert.Contains(page.QuerySelectorAll("h1, td"), e => e.TextContent.Contains($"标题{script}"));
        }
    }
}
