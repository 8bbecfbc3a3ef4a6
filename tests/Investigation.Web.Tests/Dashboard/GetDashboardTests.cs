using AngleSharp.Html.Dom;
using Investigation.Domain.Incidents;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Dashboard;

/// <summary>The dashboard (GetDashboard) counts what was set up, and only in the user's units.</summary>
public sealed class GetDashboardTests(WebApp app) : IClassFixture<WebApp>
{
    private static Dictionary<string, string> Figures(IHtmlDocument page, string table) =>
        page.QuerySelectorAll($"#{table} tbody tr").ToDictionary(r => r.GetAttribute("data-key")!, r => r.QuerySelector("[data-value]")!.GetAttribute("data-value")!);

    [Fact]
    public async Task Dashboard_CountsOpenCasesOverdueTasksAndTimePerStep_OfMyUnitsOnly()
    {
        var script = app.Script;
        var now = app.Clock.GetUtcNow();
        // Province: one waiting for acceptance, one accepted after 5 hours, one rejected after 1 hour,
        // one on a failed Article 3 duty only. Linchuan: a data leak waiting for acceptance.
        await script.RegisterPortalOutageAsync(now, title: "待受理");
        var accepted = (await script.RegisterPortalOutageAsync(now, hoursDown: 3, title: "已受理")).CaseId;
        var rejected = (await script.RegisterPortalOutageAsync(now, title: "不予受理")).CaseId;
        await script.SendAs("caseofficer", new RegisterIncident.Command(DemoOrganisation.ProvincialDaily.Value, "宣传教育缺失", "未开展网络安全宣传教育。",
            now.AddDays(-10), new IncidentFactsInput(), [Article3Duty.EducationAndTalent]));
        await script.SendAs("caseofficer-linchuan", new RegisterIncident.Command(DemoOrganisation.LinchuanEducation.Value, "学生信息泄露", "十万余条学生个人信息泄露。",
            now.AddDays(-1), new IncidentFactsInput { DataLeak = new IncidentFactsInput.DataLeakInput(false, true, false, 120_000) }));

        app.Clock.Advance(TimeSpan.FromHours(1));
        await script.SendAs("caseofficer", new CompleteAcceptance.Command(
            await script.TaskAsync(rejected, TaskKinds.Acceptance, "caseofficer"), false, null, null, "重复登记。"));
        app.Clock.Advance(TimeSpan.FromHours(4));
        await script.AcceptAsync(accepted);
        // Acceptance is due in 3 days: the three cases still waiting for it are now overdue; the accepted one's levels are not.
        app.Clock.Advance(TimeSpan.FromDays(4));

        var province = await WebApp.PageAsync(await app.SignInAsync("caseofficer"), "/Dashboard");

        Assert.Equal("4", province.QuerySelector("#open-cases")!.TextContent);
        Assert.Equal("3", province.QuerySelector("#overdue-tasks")!.TextContent);
        var byCircumstance = Figures(province, "by-circumstance");
        Assert.Equal("2", byCircumstance[nameof(Circumstance.PortalTampered)]);
        Assert.Equal("1", byCircumstance[nameof(Circumstance.PortalParalysed)]); // the 3-hour outage does not count, the rejected case is closed
        Assert.Equal("1", byCircumstance[nameof(Circumstance.DataLeak)]);
        Assert.Equal("0", byCircumstance[nameof(Circumstance.ObstructionOfSecurityOrgans)]);
        Assert.Equal("1", byCircumstance["None"]);
        var byStatus = Figures(province, "by-status");
        Assert.Equal("3", byStatus["Registered"]);
        Assert.Equal("1", byStatus["Investigating"]);
        Assert.DoesNotContain("Rejected", byStatus.Keys); // not open
        var steps = Figures(province, "step-times");
        Assert.Equal([TaskKinds.Acceptance], steps.Keys);
        Assert.Equal("3", steps[TaskKinds.Acceptance]); // (5 h + 1 h) / 2
        Assert.Contains("2", province.QuerySelector($"#step-times tr[data-key={TaskKinds.Acceptance}] td:last-child")!.TextContent);
        Assert.Equal(4, province.QuerySelectorAll("canvas[data-chart-for]").Length); // with the trend by month

        var linchuan = await WebApp.PageAsync(await app.SignInAsync("caseofficer-linchuan"), "/Dashboard");

        Assert.Equal("1", linchuan.QuerySelector("#open-cases")!.TextContent);
        Assert.Equal("1", linchuan.QuerySelector("#overdue-tasks")!.TextContent);
        Assert.Equal("1", Figures(linchuan, "by-circumstance")[nameof(Circumstance.DataLeak)]);
        Assert.Equal("0", Figures(linchuan, "by-circumstance")[nameof(Circumstance.PortalTampered)]);
        Assert.Null(linchuan.QuerySelector("#step-times"));

        var anping = await WebApp.PageAsync(await app.SignInAsync("caseofficer-anping"), "/Dashboard");
        Assert.Equal("0", anping.QuerySelector("#open-cases")!.TextContent);
        Assert.Equal("0", anping.QuerySelector("#overdue-tasks")!.TextContent);
    }
}
