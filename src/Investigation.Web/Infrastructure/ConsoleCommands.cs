using FluentValidation;
using Investigation.Domain;
using Investigation.Workflows;
using Investigation.Workflows.Audit;
using Investigation.Workflows.Data;
using Investigation.Workflows.Data.Entities;
using Investigation.Workflows.Demo;
using Investigation.Workflows.Evidence;
using Investigation.Workflows.Features.Admin;
using Investigation.Workflows.Identity;
using Investigation.Workflows.Messages;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Investigation.Web.Infrastructure;

/// <summary>
/// What the application does when started with a command instead of serving pages:
/// <c>migrate</c> (the schema and seed rows under the start-up lock, README "Several nodes"),
/// <c>setup-admin --user NAME [--name DISPLAY]</c> (the password from the environment variable
/// <see cref="PasswordVariable"/> or the first line of standard input, never the command line),
/// <c>backup --to FILE</c> (SQLite, with the evidence folder beside it as FILE.evidence), <c>verify-audit</c>, and <c>organisation-file [--from F] --to F</c>. Each prints what happened and returns an
/// exit code: 0 done, 1 refused, 2 wrong usage.
/// </summary>
public static class ConsoleCommands
{
    public const string PasswordVariable = "INVESTIGATION_ADMIN_PASSWORD";
    private static readonly string[] Names = ["migrate", "setup-admin", "backup", "verify-audit", "organisation-file"];

    /// <summary>The command the arguments name, if the first one is a command.</summary>
    public static string? Find(string[] args) => args.Length > 0 && Names.Contains(args[0]) ? args[0] : null;

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextReader input, TextWriter output)
    {
        try
        {
            return args[0] switch
            {
                "migrate" => await app.MigrateCommandAsync(),
                "setup-admin" => await SetUpAdministratorAsync(app, args, input, output),
                "backup" => await BackupAsync(app, args, output),
                "organisation-file" => ConvertOrganisationFile(args, output),
                _ => await VerifyAuditAsync(app, output),
            };
        }
        catch (Exception e) when (e is ConflictException or ValidationException or DomainException or InvalidOperationException)
        {
            output.WriteLine(e switch
            {
                ConflictException c => c.Text.ToString(),
                ValidationException v => string.Join(Environment.NewLine, v.Errors.Select(x => $"{x.PropertyName}: {x.ErrorMessage}")),
                DomainException d => d.Text.ToString(),
                _ => e.Message,
            });
            return 1;
        }
    }

    private static async Task<int> SetUpAdministratorAsync(WebApplication app, string[] args, TextReader input, TextWriter output)
    {
        if (Option(args, "--password") is not null || args.Any(a => a.StartsWith("--password=", StringComparison.Ordinal)))
        {
            // A password on the command line ends up in the shell's history and in the process list.
            output.WriteLine("密码不能写在命令行中：请通过环境变量 " + PasswordVariable + " 或标准输入提供。 / The password is never given on the command line: use the environment variable " + PasswordVariable + " or standard input.");
            return 2;
        }
        var user = Option(args, "--user");
        if (string.IsNullOrWhiteSpace(user))
        {
            output.WriteLine("用法 / Usage: setup-admin --user NAME [--name \"DISPLAY NAME\"]   (password: $" + PasswordVariable + " or standard input)");
            return 2;
        }
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected) output.Write("Password: ");
            password = input.ReadLine() ?? "";
        }
        await DatabaseInitialiser.MigrateAsync(app.Services);
        await DemoSeeder.EnsureRolesAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().Actor = ConsoleActor;
        var id = await scope.ServiceProvider.GetRequiredService<IMediator>()
            .Send(new SetUpAdministrator.Command(user.Trim(), Option(args, "--name") ?? user.Trim(), password));
        output.WriteLine($"管理员 {user} 已创建（用户 id {id}），已记入审计记录。 / Administrator {user} created (user id {id}), on the audit record.");
        return 0;
    }

    private static async Task<int> BackupAsync(WebApplication app, string[] args, TextWriter output)
    {
        if (Option(args, "--to") is not { Length: > 0 } target)
        {
            output.WriteLine("用法 / Usage: backup --to FILE");
            return 2;
        }
        // The folder store's files are not in the database: the backup takes them beside it (README, Deploy).
        var folder = (app.Services.GetRequiredService<IEvidenceFolder>() as EvidenceFolder)?.Root;
        var files = await DatabaseBackup.SqliteAsync(app.Services.GetRequiredService<DatabaseOptions>(), target, folder);
        output.WriteLine($"备份已写入 / Backup written to {Path.GetFullPath(target)}");
        if (folder is not null)
            output.WriteLine($"证据文件 {files} 个已复制到 / {files} evidence files copied to {DatabaseBackup.EvidenceFolderOf(target)}");
        return 0;
    }

    /// <summary>
    /// Converts an organisation file between JSON and the workbook (by the files' extensions), or with no
    /// --from writes the empty template workbook. It checks the format only; the import checks the rest.
    /// </summary>
    private static int ConvertOrganisationFile(string[] args, TextWriter output)
    {
        if (Option(args, "--to") is not { Length: > 0 } to)
        {
            output.WriteLine("用法 / Usage: organisation-file [--from FILE.json|FILE.xlsx] --to FILE.xlsx|FILE.json");
            return 2;
        }
        var file = OrganisationFile.Empty;
        if (Option(args, "--from") is { Length: > 0 } from)
        {
            var errors = new List<ImportError>();
            var read = OrganisationFile.Read(FormatOf(from), File.ReadAllBytes(from), errors);
            foreach (var e in errors) output.WriteLine(e);
            if (read is null) return 1;
            file = read;
        }
        File.WriteAllBytes(to, file.Write(FormatOf(to)));
        output.WriteLine($"已写入 / Written: {Path.GetFullPath(to)}");
        return 0;
    }

    private static OrganisationFormat FormatOf(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? OrganisationFormat.Json : OrganisationFormat.Xlsx;

    private static async Task<int> VerifyAuditAsync(WebApplication app, TextWriter output)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<InvestigationDbContext>());
        output.WriteLine($"{(result.Intact ? "OK" : "BROKEN")}: {result.EntriesChecked} entries. {result.Message}");
        return result.Intact ? 0 : 1;
    }

    /// <summary>Outside the demo, says at start-up how to create the first administrator while there is none.</summary>
    public static async Task TellWhenNoAdministratorAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Count > 0) return;
        app.Logger.LogWarning("No administrator exists yet. Create the first one with: dotnet Investigation.Web.dll setup-admin --user NAME (password from ${Variable} or standard input). See README, Deploy.", PasswordVariable);
    }

    /// <summary>The one who acts from the server's console: on the audit record as such.</summary>
    private static readonly Actor ConsoleActor = new("console", "console", default, new HashSet<string>());

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
