using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Features.Dashboard;

namespace Investigation.Web.Tests.Dashboard;

/// <summary>The dashboard in a real browser: a chart drawn for each table; accessible.</summary>
public sealed class GetDashboardBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Dashboard_DrawsTheChartsFromTheTables_AndIsAccessible()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.Script.RunToAsync(id, CaseStatus.Investigating, new DateOnly(2026, 3, 2));
        var page = await app.OpenAsAsync("caseofficer");

        await page.GotoAsync("/Dashboard");

        // Chart.js keeps each chart it draws; one per table, with the table's figures.
        var charts = await page.EvaluateAsync<int>("() => document.querySelectorAll('canvas[data-chart-for]').length");
        Assert.Equal(4, charts); // with the trend by month
        var figures = await page.EvaluateAsync<string>(
            "() => JSON.stringify(Chart.getChart(document.querySelector('canvas[data-chart-for=\"by-status\"]')).data.datasets[0].data)");
        Assert.Equal("[" + string.Join(",", GetDashboard.OpenStatuses.Select(s => s == CaseStatus.Investigating ? 1 : 0)) + "]", figures);
        var violations = await BrowserApp.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await BrowserApp.ScreenshotAsync(page, "dashboard");
    }
}
