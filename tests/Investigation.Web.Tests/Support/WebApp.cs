using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Investigation.Workflows.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Investigation.Web.Tests.Support;

/// <summary>
/// The whole web application on a copy of a migrated, seeded SQLite file (demo organisation and
/// users, no demo cases), with a controllable clock. Each test class gets its own database.
/// </summary>
public class WebApp : WebApplicationFactory<Program>
{
    public const string Password = "Test-Password-2026!";

    private readonly string directory = Directory.CreateTempSubdirectory("investigation-web-").FullName;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    public string DatabasePath => Path.Combine(directory, "investigation.db");

    public WebApp() : this(copyTemplate: true) { }

    private readonly bool isTemplate;

    private WebApp(bool copyTemplate)
    {
        isTemplate = !copyTemplate;
        if (copyTemplate) File.Copy(Template.Value, DatabasePath);
    }

    /// <summary>
    /// With <paramref name="demo"/> false: an empty database, started as in production (no demo
    /// organisation, users or cases), for a real office's first day.
    /// </summary>
    protected WebApp(bool copyTemplate, bool demo) : this(copyTemplate && demo)
    {
        isTemplate = false;
        this.demo = demo;
    }

    private readonly bool demo = true;

    // Seeding hashes sixteen passwords; do it once per test run and copy the file.
    private static readonly Lazy<string> Template = new(() =>
    {
        using var seed = new WebApp(copyTemplate: false);
        using (seed.CreateClient()) { }
        var path = seed.DatabasePath;
        seed.Dispose();
        SqliteConnection.ClearAllPools();
        return path;
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(demo ? "Testing" : "Production");
        builder.UseSetting("ConnectionStrings:Investigation", $"Data Source={DatabasePath}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(directory, "keys"));
        if (demo)
        {
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:Password", Password);
            builder.UseSetting("Demo:Cases", "false");
        }
        // Tests sign in far more often than people do: the limits have tests of their own (SignInProtectionTests).
        builder.UseSetting("SignIn:PerAccount", "100000");
        builder.UseSetting("SignIn:PerAddress", "100000");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>Drives cases through the use cases, as the demo users, to set up a page's state.</summary>
    public CaseScript Script => new(Services);

    /// <summary>A client signed in as the user, with cookies, that does not follow redirects.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = await FormAsync(client, "/Account/Login");
        var response = await client.PostAsync("/Account/Login", Fields(form, new() { ["Input.UserName"] = userName, ["Input.Password"] = password }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode}");
        return client;
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The first form of a page (or the one matching the selector), with its antiforgery token.</summary>
    public static async Task<IHtmlFormElement> FormAsync(HttpClient client, string url, string selector = "main form[method=post], form[method=post]")
    {
        var page = await PageAsync(client, url);
        return page.QuerySelector(selector) as IHtmlFormElement
            ?? throw new InvalidOperationException($"No form '{selector}' on {url}.");
    }

    /// <summary>The form's own fields (hidden ones and the antiforgery token included), overridden by the given values.</summary>
    public static FormUrlEncodedContent Fields(IHtmlFormElement form, Dictionary<string, string> values)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => !string.IsNullOrEmpty(i.Name) && !values.ContainsKey(i.Name!)))
            if (input.Type is not ("checkbox" or "radio") || input.IsChecked)
                fields.Add(new(input.Name!, input.Value));
        fields.AddRange(values);
        return new FormUrlEncodedContent(fields);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && !isTemplate)
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
