using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Daily;

/// <summary>The case page for people who work it: a summary on top, and a timeline of who did what (GetCaseHistory).</summary>
public sealed class CasePageSummaryTests(WebApp app) : IClassFixture<WebApp>
{
    [Fact]
    public async Task CasePage_Summary_NamesTheCurrentStep_WhoHoldsIt_WhenDue_AndLinksToIt()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        await app.Script.RecordLevelAsync(id, TaskKinds.PartyConcernedFindings, CaseScript.Operator);
        var next = await app.Script.TaskAsync(id, TaskKinds.SecurityLeadFindings, "investigator");
        var client = await app.SignInAsync("investigator");

        var page = await WebApp.PageAsync(client, $"/Cases/Details/{id}");

        var summary = page.QuerySelector("#case-summary")!;
        // It comes before the page's table of contents: the first thing read.
        Assert.Same(summary, page.QuerySelector("main #case-summary, main nav")); 
        var step = summary.QuerySelector($"li.current-step[data-task='{next}']")!;
        Assert.Contains("倒查：网络安全负责人", step.TextContent);
        Assert.Contains("未认领", step.TextContent); // nobody holds it yet: the role that may take it is named
        Assert.Contains("到期", step.TextContent);
        Assert.Equal($"/Tasks/Complete/{next}", step.QuerySelector("a[role=button]")!.GetAttribute("href"));
        // The coordination assessment runs in parallel: it is a current step too.
        Assert.Contains(summary.QuerySelectorAll("li.current-step"), li => li.TextContent.Contains("协调监管评估"));
    }

    [Fact]
    public async Task CasePage_Timeline_SaysWhoDidWhatWithWhichOutcome_AndOnlyAdministratorsSeeTheEngineLog()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
        var investigator = await app.SignInAsync("investigator");

        var page = await WebApp.PageAsync(investigator, $"/Cases/Details/{id}");

        var rows = page.QuerySelectorAll("#case-history tbody tr").ToList();
        Assert.Equal("RegisterIncident", rows[0].GetAttribute("data-action"));
        Assert.Contains("登记事件", rows[0].TextContent);
        var acceptance = rows.Single(r => r.GetAttribute("data-action") == "CompleteAcceptance").TextContent;
        Assert.Contains("caseofficer", acceptance);
        Assert.Contains("受理", acceptance);
        Assert.Contains(rows, r => r.TextContent.Contains("提出问责建议") && r.TextContent.Contains("问责建议"));
        // One row per step a person took: a handful, not the engine's start/wait/resume rows.
        Assert.InRange(rows.Count, 8, 12);
        Assert.Null(page.QuerySelector("#case-timeline"));

        var admin = await app.SignInAsync("admin");
        var adminPage = await WebApp.PageAsync(admin, $"/Cases/Details/{id}");
        Assert.NotNull(adminPage.QuerySelector("details#engine-log:not([open]) #case-timeline"));
        Assert.True(adminPage.QuerySelectorAll("#case-timeline tbody tr").Length > rows.Count);
    }

    /// <summary>
    /// A case handled for a long time gathers thousands of entries (every claim and release is one): the page shows
    /// the newest 200 and says so, with a link to the whole timeline, so its cost does not grow with the case's age.
    /// </summary>
    [Fact]
    public async Task CasePage_Timeline_ShowsTheNewest200_WithALinkToAll_WhenTheCaseHasMore()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var task = await app.Script.TaskAsync(id, TaskKinds.Acceptance, "caseofficer");
        for (var i = 0; i < 110; i++)
        {
            await app.Script.SendAs("caseofficer", new Investigation.Workflows.Features.Tasks.ClaimTask.Command(task));
            await app.Script.SendAs("caseofficer", new Investigation.Workflows.Features.Tasks.ReleaseTask.Command(task));
        }
        var officer = await app.SignInAsync("caseofficer");

        var page = await WebApp.PageAsync(officer, $"/Cases/Details/{id}");
        var rows = page.QuerySelectorAll("#case-history tbody tr").ToList();
        Assert.Equal(200, rows.Count);
        Assert.Equal("ReleaseTask", rows[^1].GetAttribute("data-action")); // the newest last, as before
        Assert.Contains("共 221 条", page.QuerySelector("#history-partial")!.TextContent);

        var all = await WebApp.PageAsync(officer, page.QuerySelector("#history-partial a")!.GetAttribute("href")!.Replace("?", $"/Cases/Details/{id}?"));
        var allRows = all.QuerySelectorAll("#case-history tbody tr").ToList();
        Assert.Equal(221, allRows.Count);
        Assert.Equal("RegisterIncident", allRows[0].GetAttribute("data-action"));
        Assert.Null(all.QuerySelector("#history-partial"));
    }
}
