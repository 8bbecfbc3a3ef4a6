using Investigation.Web.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Investigation.Web.Tests.Audit;

/// <summary>The audit page in a real browser: verification swapped in by htmx; accessible.</summary>
public sealed class GetAuditRecordBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Verify_ShowsTheVerdictWithoutReloading_AndThePageIsAccessible()
    {
        await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow());
        var page = await app.OpenAsAsync("auditor");
        await page.GotoAsync("/Audit");
        await page.EvaluateAsync("() => window.__notReloaded = true");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "核验哈希链" }).ClickAsync();

        await Expect(page.Locator("#verification[data-intact=true]")).ToContainTextAsync("审计记录完整");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        var violations = await BrowserApp.AccessibilityViolationsAsync(page);
        Assert.True(violations.Count == 0, string.Join("\n", violations));
        await BrowserApp.ScreenshotAsync(page, "audit");
    }
}
