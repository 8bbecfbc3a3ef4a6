using Investigation.Domain.Cases;
using Investigation.Domain.TraceBack;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Features.Tasks;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Tasks;

/// <summary>After a return, the second round's forms start from the first round's entries, which the case keeps.</summary>
public sealed class SecondRoundFormsTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task AfterAReturn_ResponsibilityHearingAndSuggestionForms_StartFromTheFirstRound()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "第二轮预填")).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));
        await app.Script.SendAs("disciplinereviewer", new ReviewCase.Command(await app.Script.TaskAsync(id, TaskKinds.DisciplineReview, "disciplinereviewer"),
            ReviewCase.Verdict.Return, "分管领导履职证据不足。", [TraceBackLevel.SecurityLead]));
        var investigator = await app.SignInAsync("investigator");
        // The returned level itself starts from its first-round finding.
        var level2 = await TaskForms.FormAsync(investigator, await app.Script.TaskAsync(id, TaskKinds.SecurityLeadFindings, "investigator"), "RecordFindings");
        Assert.Equal("未落实网站安全巡检和值班报告制度，篡改发生后两小时未报告。", level2.QuerySelector("textarea[name='RecordFindings.Findings[0].Facts']")!.TextContent.Trim());
        Assert.Equal("询问笔录\n值班记录", level2.QuerySelector("textarea[name='RecordFindings.Findings[0].Evidence']")!.TextContent.Trim().ReplaceLineEndings("\n"));
        Assert.True(level2.QuerySelector("input[name='RecordFindings.Findings[0].Responsible'][value=true]")!.HasAttribute("checked"));
        await app.Script.RecordLevelAsync(id, TaskKinds.SecurityLeadFindings, CaseScript.SecurityLead);

        var responsibility = await TaskForms.FormAsync(investigator, await app.Script.TaskAsync(id, TaskKinds.ResponsibilityDetermination, "investigator"), "DetermineResponsibility");
        Assert.Equal("办公厅党组会议决定推迟门户网站安全加固项目。", responsibility.QuerySelector("textarea[name='DetermineResponsibility.Decision.Description']")!.TextContent.Trim());

        await app.Script.DetermineAsync(id);
        var hearing = await TaskForms.FormAsync(investigator, await app.Script.TaskAsync(id, TaskKinds.Hearing, "investigator"), "RecordHearing");
        Assert.Contains("本人对调查认定的事实无异议。", hearing.QuerySelector("textarea[name='RecordHearing.Statements[0].Statement']")!.TextContent);

        await app.Script.HearAsync(id);
        var officer = await app.SignInAsync("caseofficer");
        var suggestion = await TaskForms.FormAsync(officer, await app.Script.TaskAsync(id, TaskKinds.AccountabilitySuggestion, "caseofficer"), "SubmitSuggestion");
        Assert.Contains(suggestion.QuerySelectorAll("input[type=checkbox][name$='.Forms']"), c => c.HasAttribute("checked"));

        // The report's page starts from the first round's report, and says so.
        var report = await WebApp.PageAsync(investigator, $"/Cases/RecordInvestigationReport/{id}");
        Assert.Contains("第2轮", report.QuerySelector("p.notice")!.TextContent);
        Assert.Contains("值班人员未及时报告", report.QuerySelector("textarea[name='Input.Facts']")!.TextContent);
    }
}
