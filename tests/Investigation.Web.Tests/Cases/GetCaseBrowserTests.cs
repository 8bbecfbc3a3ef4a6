using System.Text.RegularExpressions;
using Investigation.Domain.Accountability;
using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Features.Cases;
using Investigation.Workflows.Features.Tasks;
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
    public async Task AppealAndAdjustment_AreDrawnBesideTheInvestigation_InTheReadersLanguage_WithTheirActiveStepMarked()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var decidedOn = new DateOnly(2026, 3, 2);
        await app.Script.RunToAsync(id, CaseStatus.AwaitingDecision, decidedOn);
        var held = (await app.Script.SendAs("partycommittee", new GetCase.Query(id))).Case.PeopleHeldResponsible.ToList();
        await app.Script.SendAs("partycommittee", new RecordDecision.Command(await app.Script.TaskAsync(id, TaskKinds.Decision, "partycommittee"),
            held.Select((p, i) => new MeasureInput(TargetKind.Cadre, p.Value, [i == 0 ? AccountabilityForm.OrganisationalAdjustment : AccountabilityForm.Admonishment], "经研究决定。")).ToList(),
            decidedOn, "已宣布。"));
        await app.Script.SendAs("partycommittee", new RecordDelivery.Command(id, decidedOn, "本人及其所在党组织"));
        await app.Script.SendAs("partycommittee", new LodgeAppeal.Command(id, TargetKind.Cadre, held[0].Value, decidedOn, "请求改为通报。"));
        var page = await app.OpenAsAsync("partycommittee");

        await page.GotoAsync($"/Cases/Details/{id}");

        foreach (var (diagram, activity, name) in new[] { ("#diagram-organisational-adjustment", "adjustment", "组织调整或者组织处理手续"), ("#diagram-appeal-1", "appeal-decision", "申诉处理") })
        {
            var step = page.Locator($"{diagram} g.djs-element[data-element-id='{ExportBpmn.ElementId(activity)}']");
            await Expect(step).ToHaveClassAsync(new Regex(@"\bactive\b"));
            await Expect(step).ToContainTextAsync(name); // labelled in the reader's language (Chinese here)
            await Expect(page.Locator($"{diagram} g.djs-element[data-element-id='{ExportBpmn.ElementId("end")}']")).Not.ToHaveClassAsync(new Regex(@"\b(active|done)\b"));
        }
        // The investigation's own diagram is drawn too, its decision done.
        await Expect(page.Locator($"#diagram g.djs-element[data-element-id='{ExportBpmn.ElementId("decision")}']")).ToHaveClassAsync(new Regex(@"\bdone\b"));
        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));
        await BrowserApp.ScreenshotAsync(page, "case-execution-diagrams");
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
