using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Investigation.Web.Tests.Support;

/// <summary>
/// The application on a real loopback port, and Debian's Chromium driven by Playwright (never a
/// downloaded browser). Screenshots go to the test output's screenshots folder.
/// </summary>
public sealed class BrowserApp : WebApp, IAsyncLifetime
{
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
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
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("input[name='Input.UserName']", userName);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/Tasks");
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>Runs axe-core (from npm) on the page and returns its serious and critical violations.</summary>
    public static async Task<IReadOnlyList<string>> AccessibilityViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = AxePath.Value });
        var json = await page.EvaluateAsync<string>(
            "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    private static readonly Lazy<string> AxePath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Investigation.Web", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core is installed by the web project's build (npm ci); build src/Investigation.Web first.");
    });

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.CloseAsync();
        playwright?.Dispose();
        await DisposeAsync();
    }
}
