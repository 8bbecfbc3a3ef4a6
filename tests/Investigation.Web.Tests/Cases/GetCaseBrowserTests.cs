using System.Text.RegularExpressions;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Procedure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Investigation.Web.Tests.Cases;

/// <summary>The case page and the case list in a real browser: the process diagram drawn by bpmn-js, and accessibility.</summary>
public sealed class GetCaseBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Diagram_IsDrawnFromTheBpmn_WithTheDoneAndActiveStepsMarked()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.Investigating, new DateOnly(2026, 3, 2));
        var page = await app.OpenAsAsync("investigator");

        await page.GotoAsync($"/Cases/Details/{id}");

        var diagram = page.Locator("#diagram");
        ILocator Step(string activityId) => diagram.Locator($"g.djs-element[data-element-id='{ExportBpmn.ElementId(activityId)}']");
        await Expect(Step("accept")).ToHaveClassAsync(new Regex(@"\bdone\b"));
        await Expect(Step("level-1")).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(Step("coordination")).ToHaveClassAsync(new Regex(@"\bactive\b"));
        await Expect(Step("level-2")).Not.ToHaveClassAsync(new Regex(@"\b(active|done)\b"));
        // Every step and every flow of the definition is drawn.
        var definition = InvestigationWorkflow.Version1();
        Assert.Equal(definition.Activities.Count + 1, await diagram.Locator("g.djs-shape:not([data-element-id$='_label'])").CountAsync());
        Assert.Equal(definition.Connections.Count + 1, await diagram.Locator("g.djs-connection").CountAsync());
        await BrowserApp.ScreenshotAsync(page, "case-details");
    }

    [Fact]
    public async Task CasePageAndList_HaveNoSeriousAccessibilityViolations()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.RunToAsync(id, CaseStatus.UnderReview, new DateOnly(2026, 3, 2));
        var page = await app.OpenAsAsync("caseofficer");

        await page.GotoAsync($"/Cases/Details/{id}");
        await Expect(page.Locator("#diagram g.djs-element.done").First).ToBeVisibleAsync();
        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));

        await page.GotoAsync("/Cases");
        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));
        await BrowserApp.ScreenshotAsync(page, "case-list");
    }
}
