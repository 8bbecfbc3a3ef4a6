using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;

namespace Investigation.Web.Tests.Browser;

/// <summary>The inbox in a real browser: claim and release without a page reload; accessible.</summary>
public sealed class InboxBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Claim_UpdatesTheRowWithoutReloadingThePage()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        var page = await app.OpenAsAsync("investigator2");
        await page.EvaluateAsync("() => window.__notReloaded = true");
        var row = page.Locator($"#task-{task}");

        await row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "认领" }).ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(row.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "释放" })).ToBeVisibleAsync();
        await Microsoft.Playwright.Assertions.Expect(row).ToContainTextAsync("investigator2");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"));
        await BrowserApp.ScreenshotAsync(page, "inbox-after-claim");

        // Someone else's inbox no longer offers it.
        var other = await app.OpenAsAsync("investigator");
        await Microsoft.Playwright.Assertions.Expect(other.Locator($"#task-{task}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Inbox_HasNoSeriousAccessibilityViolations()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
        var page = await app.OpenAsAsync("caseofficer");

        var violations = await BrowserApp.AccessibilityViolationsAsync(page);

        Assert.Empty(violations);
    }

    [Fact]
    public async Task SignInPage_HasNoSeriousAccessibilityViolations()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));
    }
}
