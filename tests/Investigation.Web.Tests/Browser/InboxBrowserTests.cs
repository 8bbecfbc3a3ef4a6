using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

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
    public async Task SaveDraft_TypedAndSaved_IsThereInAFreshBrowser_AndCanBeDiscarded()
    {
        var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow(), title: "浏览器暂存")).CaseId;
        await app.Script.AcceptAsync(id);
        var task = await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator");
        const string facts = "暂存测试：三月一日八时三十分起无人值守，未按制度报告。";
        var page = await app.OpenAsAsync("investigator");
        await page.GotoAsync($"/Tasks/Complete/{task}");
        await page.GetByLabel("事实", new() { Exact = true }).FillAsync(facts);
        await page.GetByLabel("不负有责任", new() { Exact = true }).CheckAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "暂存", Exact = true }).ClickAsync();

        await Expect(page.Locator(".draft-bar [role=status]")).ToContainTextAsync("已暂存");
        // Another browser (a new context: no cookies, no storage of the first): signed in afresh, the draft is back.
        await page.Context.CloseAsync();
        var fresh = await app.OpenAsAsync("investigator");
        await fresh.GotoAsync($"/Tasks/Complete/{task}");
        await Expect(fresh.Locator("#draft-restored")).ToContainTextAsync("已恢复");
        await Expect(fresh.GetByLabel("事实", new() { Exact = true })).ToHaveValueAsync(facts);
        await Expect(fresh.GetByLabel("不负有责任", new() { Exact = true })).ToBeCheckedAsync();
        await BrowserApp.ScreenshotAsync(fresh, "task-draft-restored");
        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(fresh));

        await fresh.GetByRole(AriaRole.Button, new() { Name = "放弃暂存" }).ClickAsync();
        await Expect(fresh.Locator("#draft-restored")).ToHaveCountAsync(0);
        await Expect(fresh.GetByLabel("事实", new() { Exact = true })).ToHaveValueAsync("");
        await fresh.Context.CloseAsync();
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
