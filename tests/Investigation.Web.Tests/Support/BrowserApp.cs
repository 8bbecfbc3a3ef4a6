using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Investigation.Web.Tests.Support;

/// <summary>
/// The application on a real loopback port, and Debian's Chromium driven by Playwright (never a
/// downloaded browser). Screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
public class BrowserApp : WebApp, IAsyncLifetime
{
    private IPlaywright? playwright;

    public BrowserApp() { }

    /// <summary>The browser on an application started as in production on an empty database (see <see cref="WebApp(bool, bool)"/>).</summary>
    protected BrowserApp(bool demo) : base(copyTemplate: false, demo) { }

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// Where screenshots land: the folder named by SCREENSHOTS_DIR (.ci/run points it into its test results),
    /// else TestResults/screenshots in this test project, beside the results `dotnet test` writes by default.
    /// Not the build output, which a clean or a rebuild wipes and which no one thinks to look in.
    /// </summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("SCREENSHOTS_DIR") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : Path.Combine(TestProjectDirectory(), "TestResults", "screenshots");

    private static string TestProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Investigation.Web.Tests.csproj"))) return dir.FullName;
        // Run from a published copy, away from the sources: keep them with the binaries.
        return AppContext.BaseDirectory;
    }

    // The machines these run on are shared and often busy (the first page the server renders compiles its
    // views): waiting longer costs nothing when a test passes, and keeps a slow moment from failing one.
    private const float ActionTimeout = 60_000;
    private const float ExpectTimeout = 15_000;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(ExpectTimeout);
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium"
                : throw new InvalidOperationException("Browser tests need Debian's Chromium: apt-get install -y chromium"),
            Headless = true,
            // As root Chromium needs --no-sandbox; the rest keep it off a network it cannot reach.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context signed in as the user, on their inbox.</summary>
    public async Task<IPage> OpenAsAsync(string userName, string locale = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, Locale = locale });
        context.SetDefaultTimeout(ActionTimeout);
        context.SetDefaultNavigationTimeout(ActionTimeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.UserName']", userName);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.ClickAsync("button[type=submit]");
        // Polls the address rather than waiting for a load event: after the sign-in's two redirects,
        // WaitForURLAsync sometimes waited out its whole timeout on a page that had long arrived.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Tasks$"), new() { Timeout = ActionTimeout });
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        return page;
    }

    /// <param name="name">The file name without ".jpg"; may name a subfolder ("journey/01-register").</param>
    /// <param name="fullPage">The whole page; otherwise what the window shows (a long page costs seconds to capture).</param>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var path = ScreenshotPath(name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage, Type = ScreenshotType.Jpeg, Quality = 80 });
        return path;
    }

    /// <summary>One part of a page (a section, a table), where the whole page would be too tall to read.</summary>
    public static async Task<string> ScreenshotAsync(ILocator part, string name)
    {
        var path = ScreenshotPath(name);
        await part.ScreenshotAsync(new() { Path = path, Type = ScreenshotType.Jpeg, Quality = 80 });
        return path;
    }

    private static string ScreenshotPath(string name)
    {
        var path = Path.Combine(ScreenshotFolder, name + ".jpg");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Runs axe-core (from npm) on the page and returns its serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        // From the application's own wwwroot/lib (copied from npm at build), as a page loads its other scripts.
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
            await page.AddScriptTagAsync(new() { Url = "/lib/axe.min.js" });
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        await DisposeAsync();
    }
}
