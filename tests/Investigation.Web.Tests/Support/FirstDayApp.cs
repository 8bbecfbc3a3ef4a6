using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Investigation.Web.Infrastructure;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Investigation.Web.Tests.Support;

/// <summary>
/// The application started as in production on an empty database: no demo organisation, users or
/// cases. A real office's first day starts here.
/// </summary>
public sealed class FirstDayApp() : WebApp(copyTemplate: false, demo: false)
{
    public const string AdminName = "root";

    /// <summary>Sets up the first administrator through the use case the setup-admin command sends.</summary>
    public async Task SetUpAdministratorAsync()
    {
        using (CreateClient()) { }
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = new Actor("console", "console", default, new HashSet<string>());
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SetUpAdministrator.Command(AdminName, "系统管理员", Password));
    }

    /// <summary>The repository's shipped example organisation (deploy/organisation).</summary>
    public static byte[] Example(string extension) => File.ReadAllBytes(Path.Combine(RepositoryRoot(), "deploy", "organisation", "example-organisation." + extension));

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Investigation.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("The repository root (Investigation.sln) is not above the test binaries.");
    }

    /// <summary>Uploads a file on the import page, as a browser's form would; "preview" is the dry run.</summary>
    public static async Task<(HttpResponseMessage Response, IHtmlDocument Page)> UploadAsync(HttpClient admin, byte[] content, string fileName, string mode, string? initialPassword = null)
    {
        var form = await FormAsync(admin, "/Admin/Organisation/Import", "main form[enctype]");
        using var body = new MultipartFormDataContent();
        foreach (var hidden in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Type == "hidden"))
            body.Add(new StringContent(hidden.Value), hidden.Name!);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(fileName.EndsWith(".json") ? "application/json" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        body.Add(file, "Upload", fileName);
        body.Add(new StringContent(mode), "mode");
        if (initialPassword is not null) body.Add(new StringContent(initialPassword), "InitialPassword");
        var response = await admin.PostAsync("/Admin/Organisation/Import", body);
        return (response, await ParseAsync(response));
    }

    public static int Count(IHtmlDocument page, string id) =>
        int.Parse(page.QuerySelector($"#{id}")!.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries).Last());

    /// <summary>Runs the application's published entry point with a command, as an operator would.</summary>
    public Task<(int ExitCode, string Output)> RunCommandAsync(string? standardInput, Dictionary<string, string>? environment, params string[] args) =>
        RunCommandAsync(DatabasePath, standardInput, environment, args);

    /// <summary>Runs the application's entry point with a command on the SQLite file given.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string databasePath, string? standardInput, Dictionary<string, string>? environment, params string[] args)
    {
        var database = databasePath;
        var folder = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(folder, "Investigation.Web.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Investigation"] = $"Data Source={database}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(Path.GetDirectoryName(database)!, "keys");
        start.Environment["Deadlines__Scheduler__Enabled"] = "false";
        start.Environment.Remove(ConsoleCommands.PasswordVariable);
        foreach (var (k, v) in environment ?? []) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        if (standardInput is not null) await process.StandardInput.WriteLineAsync(standardInput);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
