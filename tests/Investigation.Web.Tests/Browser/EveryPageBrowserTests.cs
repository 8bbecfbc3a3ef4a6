using Investigation.Domain.Cases;
using Investigation.Web.Tests.Support;
using Investigation.Workflows.Procedure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Investigation.Web.Tests.Browser;

/// <summary>
/// One pass through every page in a real browser, on a desktop and on a 390 px phone: axe-core finds no
/// serious or critical violation, nothing is wider than the phone's screen, and both screenshots are saved
/// (screenshots/pages/). What a page does is tested over HTTP; this is what only a browser shows.
/// </summary>
public sealed class EveryPageBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static (Guid CaseId, Guid TaskId)? made;

    /// <summary>A case under investigation with an open trace-back task, made once for the class's pages.</summary>
    private async Task<(Guid CaseId, Guid TaskId)> CaseAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (made is { } m && m.CaseId != Guid.Empty) return m;
            var id = (await app.Script.RegisterPortalOutageAsync(app.Clock.GetUtcNow())).CaseId;
            await app.Script.RunToAsync(id, CaseStatus.Investigating, DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime));
            made = (id, await app.Script.TaskAsync(id, TaskKinds.PartyConcernedFindings, "investigator"));
            return made.Value;
        }
        finally
        {
            Once.Release();
        }
    }

    public static TheoryData<string, string, string> Pages => new()
    {
        { "inbox", "investigator", "/Tasks" },
        { "done", "caseofficer", "/Tasks/Completed" },
        { "task", "investigator", "/Tasks/Complete/{task}" },
        { "case", "investigator", "/Cases/Details/{case}" },
        { "cases", "caseofficer", "/Cases" },
        { "register", "caseofficer", "/Cases/Register" },
        { "dashboard", "caseofficer", "/Dashboard" },
        { "overdue", "caseofficer", "/Dashboard/ListOverdueTasks" },
        { "audit", "auditor", "/Audit" },
        { "notifications", "investigator2", "/Notifications" },
        { "account", "investigator", "/Account/Manage" },
        { "admin-users", "admin", "/Admin/Users" },
        { "admin-organisation", "admin", "/Admin/Organisation" },
        { "admin-incidents", "admin", "/Admin/Incidents" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_HasNoSeriousAccessibilityViolations_AndFitsAPhone(string name, string user, string path)
    {
        var (caseId, taskId) = await CaseAsync();
        var url = path.Replace("{case}", caseId.ToString()).Replace("{task}", taskId.ToString());
        var page = await app.OpenAsAsync(user);

        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(url);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));
        await BrowserApp.ScreenshotAsync(page, $"pages/{name}-desktop");

        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(url);
        await Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));
        // Nothing pushes the page sideways: wide tables scroll inside their own box.
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"{url} is {width} px wide on a 390 px phone.");
        // The navigation wraps by item: no link is squeezed to one character a line.
        foreach (var link in await page.Locator("header nav a").AllAsync())
        {
            var box = await link.BoundingBoxAsync();
            if (box is not null) Assert.True(box.Height < 60, $"A navigation link is {box.Height} px tall on a phone.");
        }
        await BrowserApp.ScreenshotAsync(page, $"pages/{name}-phone");
    }

    [Fact]
    public async Task SignInPage_HasNoSeriousAccessibilityViolations_OnAPhone()
    {
        var context = await app.Browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");

        Assert.Empty(await BrowserApp.AccessibilityViolationsAsync(page));
        await BrowserApp.ScreenshotAsync(page, "pages/sign-in-phone");
    }

    [Fact]
    public async Task Inbox_OnAPhone_TheClaimButtonIsOnTheScreen()
    {
        var (caseId, _) = await CaseAsync();
        var task = await app.Script.TaskAsync(caseId, TaskKinds.CoordinationAssessment, "investigator2");
        var page = await app.OpenAsAsync("investigator2");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Tasks");

        var claim = page.Locator($"#task-{task}").GetByRole(AriaRole.Button, new() { Name = "认领" });
        await claim.ScrollIntoViewIfNeededAsync();
        await Expect(claim).ToBeInViewportAsync();
        var box = (await claim.BoundingBoxAsync())!;
        Assert.True(box.X >= 0 && box.X + box.Width <= 390, $"The claim button spans {box.X}..{box.X + box.Width} px.");
        await claim.ClickAsync();
        await Expect(page.Locator($"#task-{task}").GetByRole(AriaRole.Button, new() { Name = "释放" })).ToBeVisibleAsync();
    }
}
